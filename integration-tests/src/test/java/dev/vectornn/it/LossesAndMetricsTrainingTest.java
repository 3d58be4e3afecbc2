package dev.vectornn.it;

import dev.vectornn.layers.Dense;
import dev.vectornn.losses.BinaryCrossentropy;
import dev.vectornn.losses.CategoricalCrossentropy;
import dev.vectornn.losses.Loss;
import dev.vectornn.losses.Losses;
import dev.vectornn.losses.SparseCategoricalCrossentropy;
import dev.vectornn.metrics.Auc;
import dev.vectornn.metrics.Precision;
import dev.vectornn.models.Evaluation;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The new losses and metrics train and evaluate on the backend of this execution (the module runs
 * once per backend): every loss lowers itself on iris, the cross-entropies from logits agree with
 * their fused softmax/sigmoid kernels, and the metrics appear in the history, the progress and
 * {@code evaluate}.
 */
class LossesAndMetricsTrainingTest {

    /** The iris targets as 0/1 "is virginica" for the binary losses. */
    static float[][] virginica() {
        float[][] y = new float[Iris.LABELS.length][1];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = Iris.LABELS[i] == 2 ? 1 : 0;
        }
        return y;
    }

    static Sequential model(String lastActivation, int outputs, long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(16, "relu").inputDim(4));
        m.add(new Dense(outputs, lastActivation));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mae", "mape", "msle", "huber", "log_cosh", "kld", "poisson", "hinge", "squared_hinge",
            "categorical_hinge", "cosine_similarity"})
    void everyLossLowersItselfOnIris(String name) {
        Loss loss = Losses.get(name);
        // Rates and distributions need positive outputs; the rest train a linear output.
        String activation = name.equals("kld") || name.equals("poisson") || name.equals("msle") ? "softmax" : "linear";
        Sequential m = model(activation, 3, 7);
        m.compile(loss, new Adam(0.01), "accuracy");
        float[][] y = name.contains("hinge") && !name.startsWith("categorical") ? signed(Iris.Y) : Iris.Y;
        double before = m.evaluate(Iris.X, y).loss();
        History h = m.fit(Iris.X, y, FitOptions.epochs(15).batchSize(16).verbose(0));
        double after = m.evaluate(Iris.X, y).loss();
        assertTrue(Double.isFinite(after) && after < before, name + ": " + before + " → " + after + ", history " + h);
    }

    static float[][] signed(float[][] oneHot) {
        float[][] s = new float[oneHot.length][];
        for (int i = 0; i < s.length; i++) {
            s[i] = oneHot[i].clone();
            for (int j = 0; j < s[i].length; j++) {
                s[i][j] = 2 * s[i][j] - 1;
            }
        }
        return s;
    }

    @Test
    void categoricalFromLogitsIsTheFusedSoftmaxKernelInOtherClothes() {
        // Same weights (same seed, same layers): a linear output with from_logits=true, and a
        // softmax output with the backend's fused kernel, must see the same loss and take the same
        // steps, up to float rounding of the two formulas.
        Sequential logits = model("linear", 3, 11);
        logits.compile(new CategoricalCrossentropy(true, 0), new Adam(0.01));
        Sequential fused = model("softmax", 3, 11);
        fused.compile(new CategoricalCrossentropy(), new Adam(0.01));
        assertEquals(fused.evaluate(Iris.X, Iris.Y).loss(), logits.evaluate(Iris.X, Iris.Y).loss(), 1e-5);
        logits.fit(Iris.X, Iris.Y, FitOptions.epochs(3).batchSize(16).shuffle(false).verbose(0));
        fused.fit(Iris.X, Iris.Y, FitOptions.epochs(3).batchSize(16).shuffle(false).verbose(0));
        assertEquals(fused.evaluate(Iris.X, Iris.Y).loss(), logits.evaluate(Iris.X, Iris.Y).loss(), 1e-4);

        float[][] labels = new float[Iris.LABELS.length][1];
        for (int i = 0; i < labels.length; i++) {
            labels[i][0] = Iris.LABELS[i];
        }
        Sequential sparse = model("linear", 3, 11);
        sparse.compile(new SparseCategoricalCrossentropy(true), new Adam(0.01));
        Sequential sparseFused = model("softmax", 3, 11);
        sparseFused.compile(new SparseCategoricalCrossentropy(), new Adam(0.01));
        assertEquals(sparseFused.evaluate(Iris.X, labels).loss(), sparse.evaluate(Iris.X, labels).loss(), 1e-5);
    }

    @Test
    void binaryFromLogitsIsTheFusedSigmoidKernelInOtherClothes() {
        float[][] y = virginica();
        Sequential logits = model("linear", 1, 12);
        logits.compile(new BinaryCrossentropy(true, 0), new Adam(0.01));
        Sequential fused = model("sigmoid", 1, 12);
        fused.compile(new BinaryCrossentropy(), new Adam(0.01));
        logits.fit(Iris.X, y, FitOptions.epochs(3).batchSize(16).shuffle(false).verbose(0));
        fused.fit(Iris.X, y, FitOptions.epochs(3).batchSize(16).shuffle(false).verbose(0));
        assertEquals(fused.evaluate(Iris.X, y).loss(), logits.evaluate(Iris.X, y).loss(), 1e-4);
    }

    @Test
    void metricsByNameAndAsObjectsReachHistoryProgressAndEvaluate() {
        float[][] y = virginica();
        Sequential m = model("sigmoid", 1, 13);
        m.compile("binary_crossentropy", new Adam(0.02), "accuracy", "precision", "recall", "auc", "f1_score");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        History h = m.fit(Iris.X, y, FitOptions.epochs(40).batchSize(16).verbose(2)
                .out(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)));
        String log = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("precision: ") && log.contains("auc: ") && log.contains("f1_score: "), log);
        Evaluation e = m.evaluate(Iris.X, y);
        assertEquals(List.of("loss", "accuracy", "precision", "recall", "auc", "f1_score"), List.copyOf(e.asMap().keySet()));
        // Virginica against the rest is nearly separable on the petals: a trained model ranks well.
        assertTrue(e.get("auc") > 0.9, e.toString());
        assertEquals(40, h.get("auc").size());
        // Keras' f1_score without a threshold takes each row's largest output as positive: with one
        // output every row is positive, so F1 is that of predicting all 50 virginica of 150, 2·(1/3)/(1/3 + 1) = 0.5.
        assertEquals(0.5, e.get("f1_score"), 1e-6);

        Sequential objects = model("sigmoid", 1, 13);
        objects.compile(Losses.get("bce"), new Adam(), new Auc(100, Auc.Curve.PR), new Precision(0.3, -1));
        assertEquals(List.of("auc", "precision"), objects.metricNames());
        assertTrue(objects.summary().contains("Metric auc: auc: area under the PR curve, 100 thresholds"), objects.summary());

        Sequential huber = model("linear", 1, 13);
        huber.compile(new dev.vectornn.losses.Huber(0.5), new Adam());
        assertTrue(huber.summary().contains("Loss: huber {delta=0.5}"), huber.summary());
    }

    @Test
    void regressionMetricsOnARegressionModel() {
        // Predict petal width from the other three columns.
        float[][] x = new float[Iris.X.length][3];
        float[][] y = new float[Iris.X.length][1];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(Iris.X[i], 0, x[i], 0, 3);
            y[i][0] = Iris.X[i][3];
        }
        Sequential m = new Sequential().seed(14);
        m.add(new Dense(16, "relu").inputDim(3));
        m.add(new Dense(1));
        m.compile("huber", "adam", "mae", "mse", "root_mean_squared_error", "r2_score");
        m.fit(x, y, FitOptions.epochs(60).batchSize(16).verbose(0));
        Evaluation e = m.evaluate(x, y);
        assertEquals(Math.sqrt(e.get("mean_squared_error")), e.get("root_mean_squared_error"), 1e-9);
        assertTrue(e.get("r2_score") > 0.8 && e.get("mean_absolute_error") < 0.3, e.toString());
    }
}
