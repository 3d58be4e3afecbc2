package dev.vectornn.it;

import dev.vectornn.backend.Backends;
import dev.vectornn.data.OneHot;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.metrics.Accuracy;
import dev.vectornn.models.EarlyStopping;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.losses.Losses;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training behaviour of {@link Sequential} on the backend selected for this run (scalar or simd). */
class SequentialTrainingTest {

    @Test
    void runsOnTheBackendThisSuiteSelected() {
        String wanted = System.getProperty("vectornn.backend");
        if (wanted != null) {
            assertEquals(wanted, Iris.lectureModel(1).backend().name());
            assertEquals(wanted, Backends.current().name());
        }
    }

    /**
     * The lecture's settings (MSE after softmax, SGD 0.01, batch 1, Glorot init, zero biases) learn
     * slowly at first: on some seeds the network sits on a plateau at 2/3 accuracy (setosa right,
     * the other two species merged) for more than 50 epochs, as Keras' does with these settings.
     * (MSE's gradient through a softmax output that is near 0 for one class vanishes, so that
     * class's output unit may never recover.) Seeds 1 to 12 are all tried and all reported; the
     * assertion is on their distribution, which matches PyTorch's on this program (median 0.967).
     */
    @Test
    void theLecturesIrisProgramReachesNinetyPercentOnAlmostEverySeed() {
        java.util.List<Double> accuracies = new java.util.ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (long seed = 1; seed <= 12; seed++) {
            Sequential model = Iris.lectureModel(seed);
            History h = model.fit(Iris.X, Iris.Y, FitOptions.epochs(50).batchSize(1).verbose(0));
            assertEquals(50, h.epochs());
            double accuracy = model.evaluate(Iris.X, Iris.Y).get(1);
            accuracies.add(accuracy);
            report.append(String.format("seed %d: %.4f%n", seed, accuracy));
        }
        long good = accuracies.stream().filter(a -> a >= 0.90).count();
        double median = accuracies.stream().sorted().toList().get(accuracies.size() / 2);
        assertTrue(good >= 10, "at least 10 of 12 seeds reach 0.90 in 50 epochs:\n" + report);
        assertTrue(median >= 0.95, "median accuracy " + median + "\n" + report);
    }

    @Test
    void theSameSeedGivesBitwiseIdenticalHistoriesAndWeights() {
        Sequential a = Iris.lectureModel(42);
        Sequential b = Iris.lectureModel(42);
        History ha = a.fit(Iris.X, Iris.Y, FitOptions.epochs(5).batchSize(8).verbose(0));
        History hb = b.fit(Iris.X, Iris.Y, FitOptions.epochs(5).batchSize(8).verbose(0));
        assertEquals(ha, hb);
        assertArrayEquals(a.getParameters(), b.getParameters());
        Sequential c = Iris.lectureModel(43);
        assertNotEquals(Arrays.toString(a.getParameters()), Arrays.toString(c.getParameters()));
    }

    @Test
    void validationSplitReportsValidationValuesAndEarlyStoppingStops() {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(8, "relu").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.compile(Losses.get("categorical_crossentropy"), new Adam(0.05), "accuracy");
        // Iris is sorted by species: shuffle rows first so the held-out tail has every class.
        int[] order = dev.vectornn.data.Split.random(150, 0.5, 9).trainIndices();
        int[] rest = dev.vectornn.data.Split.random(150, 0.5, 9).testIndices();
        int[] all = java.util.stream.IntStream.concat(Arrays.stream(order), Arrays.stream(rest)).toArray();
        float[][] x = dev.vectornn.data.Split.take(Iris.X, all);
        float[][] y = dev.vectornn.data.Split.take(Iris.Y, all);
        History h = model.fit(x, y, FitOptions.epochs(500).batchSize(16).validationSplit(0.2).verbose(0)
                .callbacks(new EarlyStopping("val_loss").patience(3).restoreBestWeights(true)));
        assertTrue(h.asMap().containsKey("val_loss") && h.asMap().containsKey("val_accuracy"), h.asMap().keySet().toString());
        assertTrue(h.epochs() < 500, "early stopping ended training after " + h.epochs() + " epochs");
        assertTrue(h.stoppedBecause().contains("val_loss"), h.stoppedBecause());
    }

    @Test
    void accuracyIsResolvedFromTheLossAsKerasDoes() {
        Sequential sparse = new Sequential(new Dense(3, "softmax").inputDim(4));
        sparse.compile("sparse_categorical_crossentropy", "adam", "accuracy");
        assertEquals(Accuracy.Kind.SPARSE, ((Accuracy) sparse.metrics().get(0)).kind());
        Sequential binary = new Sequential(new Dense(1, "sigmoid").inputDim(4));
        binary.compile("binary_crossentropy", "adam", "accuracy");
        assertEquals(Accuracy.Kind.BINARY, ((Accuracy) binary.metrics().get(0)).kind());
        Sequential categorical = Iris.lectureModel(1);
        assertEquals(Accuracy.Kind.CATEGORICAL, ((Accuracy) categorical.metrics().get(0)).kind());
        assertTrue(categorical.summary().contains("categorical_accuracy"), categorical.summary());
    }

    @Test
    void sparseLabelsTrainAsWellAsOneHot() {
        Sequential model = new Sequential().seed(5);
        model.add(new Dense(16, "relu").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.compile("sparse_categorical_crossentropy", "adam", "accuracy");
        float[][] labels = OneHot.column(Iris.LABELS);
        model.fit(Iris.X, labels, FitOptions.epochs(150).batchSize(16).verbose(0));
        assertTrue(model.evaluate(Iris.X, labels).accuracy() >= 0.9);
    }

    @Test
    void dropoutActsInTrainingOnlyAndIsSeeded() {
        Sequential model = new Sequential().seed(11);
        model.add(new Dense(32, "relu").inputDim(4));
        model.add(new Dropout(0.5));
        model.add(new Dense(3, "softmax"));
        model.compile("categorical_crossentropy", "adam", "accuracy");
        float[][] p1 = model.predict(Iris.X);
        float[][] p2 = model.predict(Iris.X);
        assertTrue(Arrays.deepEquals(p1, p2), "inference is deterministic: dropout is off");
        Sequential twin = new Sequential().seed(11);
        twin.add(new Dense(32, "relu").inputDim(4));
        twin.add(new Dropout(0.5));
        twin.add(new Dense(3, "softmax"));
        twin.compile("categorical_crossentropy", "adam", "accuracy");
        assertEquals(model.fit(Iris.X, Iris.Y, FitOptions.epochs(3).verbose(0)),
                twin.fit(Iris.X, Iris.Y, FitOptions.epochs(3).verbose(0)));
    }

    @Test
    void trainOnBatchIsOneStepOfFit() {
        Sequential a = Iris.lectureModel(8);
        Sequential b = Iris.lectureModel(8);
        float[][] x = java.util.Arrays.copyOf(Iris.X, 10);
        float[][] y = java.util.Arrays.copyOf(Iris.Y, 10);
        double loss = a.trainOnBatch(x, y);
        History h = b.fit(x, y, FitOptions.epochs(1).batchSize(10).shuffle(false).verbose(0));
        assertEquals(h.last("loss"), loss, 1e-7);
        assertArrayEquals(b.getParameters(), a.getParameters());
    }

    @Test
    void summaryCountsParametersLikeKeras() {
        String s = Iris.lectureModel(1).summary();
        assertTrue(s.contains("(None, 16)") && s.contains("80"), s);
        assertTrue(s.contains("(None, 3)") && s.contains("51"), s);
        assertTrue(s.contains("Total params: 131"), s);
    }

    @Test
    void progressLinesLookLikeKeras() {
        var bytes = new java.io.ByteArrayOutputStream();
        Iris.lectureModel(1).fit(Iris.X, Iris.Y, FitOptions.epochs(2).batchSize(1).out(new java.io.PrintStream(bytes, true)));
        String[] lines = bytes.toString().strip().split("\n");
        assertEquals(2, lines.length, bytes.toString());
        assertTrue(lines[0].matches("Epoch 1/2 - 150/150 ━{20} \\d+s \\d+(us|ms)/step - accuracy: \\d\\.\\d{4} - loss: \\d\\.\\d{4}"),
                lines[0]);
        var quiet = new java.io.ByteArrayOutputStream();
        Iris.lectureModel(1).fit(Iris.X, Iris.Y, FitOptions.epochs(2).verbose(0).out(new java.io.PrintStream(quiet, true)));
        assertEquals("", quiet.toString());
    }
}
