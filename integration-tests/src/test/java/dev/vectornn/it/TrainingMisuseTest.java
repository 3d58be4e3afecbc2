package dev.vectornn.it;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.Callback;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.ModelSnapshot;
import dev.vectornn.models.NonFiniteLossException;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training that fails safely (issue #13, item 5): compiling again keeps the weights, a diverged
 * step is not applied and the exception says where, targets are checked against the loss and the
 * metrics before the first step, and the step counter refuses to overflow. About a second in all.
 */
class TrainingMisuseTest {

    @Test
    void compilingAgainKeepsTheWeightsUnlessAskedToReinitialize() {
        Sequential model = Iris.lectureModel(3);
        float[] fresh = model.getParameters();
        model.fit(Iris.X, Iris.Y, FitOptions.epochs(5).batchSize(8).verbose(0));
        float[] trained = model.getParameters();
        double accuracy = model.evaluate(Iris.X, Iris.Y).accuracy();
        assertFalse(Arrays.equals(fresh, trained), "precondition: training changed the weights");

        model.compile("categorical_crossentropy", new Adam(0.01), "accuracy");
        assertArrayEquals(trained, model.getParameters(), "a second compile keeps the weights, as Keras");
        assertEquals(accuracy, model.evaluate(Iris.X, Iris.Y).accuracy());
        assertEquals(0, model.snapshot().step(), "the new optimizer starts afresh");

        model.reinitialize();
        assertArrayEquals(fresh, model.getParameters(), "reinitialize() starts from the seed again");
    }

    /** Remembers the state after every applied step, so a test can see what the model kept. */
    private static final class LastGoodState implements Callback {
        ModelSnapshot afterLastStep;
        ModelSnapshot atEpochBegin;

        @Override
        public void onTrainBegin(Sequential model) {
            afterLastStep = model.snapshot();
        }

        @Override
        public void onEpochBegin(Sequential model, int epoch) {
            atEpochBegin = model.snapshot();
        }

        @Override
        public void onBatchEnd(Sequential model, int epoch, int batch, int rows, double loss) {
            afterLastStep = model.snapshot();
        }
    }

    @Test
    void aStepThatMakesTheWeightsNonFiniteIsNotAppliedAndTheErrorSaysWhere(@TempDir Path dir) throws Exception {
        Sequential wild = new Sequential(new Dense(1).inputDim(2)).seed(1);
        wild.compile("mse", new Sgd(1e30));
        float[][] x = {{1e3f, -1e3f}, {2e3f, 5e2f}};
        float[][] y = {{1e3f}, {-1e3f}};
        LastGoodState probe = new LastGoodState();
        var e = assertThrows(NonFiniteLossException.class,
                () -> wild.fit(x, y, FitOptions.epochs(50).batchSize(1).verbose(0).callbacks(probe)));
        assertTrue(e.epoch() >= 1 && e.batch() >= 1, e.getMessage());
        assertTrue(e.getMessage().startsWith("At epoch " + e.epoch() + ", batch " + e.batch() + " of 2: "), e.getMessage());
        assertTrue(e.getMessage().contains("the step was not applied"), e.getMessage());
        assertSameState(probe.afterLastStep, wild.snapshot());
        wild.save(dir.resolve("kept.safetensors"));
        assertArrayEquals(wild.getParameters(), Sequential.load(dir.resolve("kept.safetensors")).getParameters());
    }

    @Test
    void anUpdateThatOverflowsTheWeightsIsUndone() {
        // Loss and gradient are finite (about 1e6 and 2e6), but 1e38 × 2e6 overflows every weight.
        Sequential wild = new Sequential(new Dense(1).inputDim(2)).seed(1);
        wild.compile("mse", new Sgd(1e38));
        ModelSnapshot start = wild.snapshot();
        float[][] x = {{1e3f, -1e3f}};
        float[][] y = {{1e3f}};
        var e = assertThrows(NonFiniteLossException.class, () -> wild.fit(x, y, FitOptions.epochs(1).batchSize(1).verbose(0)));
        assertTrue(e.getMessage().contains("became Infinity in the update") || e.getMessage().contains("became -Infinity in the update"),
                e.getMessage());
        assertEquals(1, e.epoch());
        assertEquals(1, e.batch());
        assertSameState(start, wild.snapshot());
        var direct = assertThrows(NonFiniteLossException.class, () -> wild.trainOnBatch(x, y));
        assertEquals(-1, direct.epoch(), "trainOnBatch knows no epoch");
        assertSameState(start, wild.snapshot());
    }

    @Test
    void aLossThatGrowsFarBeyondItsStartIsDivergenceAndTheEpochIsRolledBack() {
        // One weight, w ← w − 1.1·2w = −1.2 w: the loss w² grows 1.44× a step and stays finite for
        // about 60 epochs, past the rule's 10 × max(L0, 0.1) within a few.
        Sequential growing = new Sequential(new Dense(1).useBias(false).inputDim(1)).seed(4);
        growing.compile("mse", new Sgd(1.1));
        float[][] x = {{1}, {1}, {1}, {1}};
        float[][] y = {{0}, {0}, {0}, {0}};
        LastGoodState probe = new LastGoodState();
        var e = assertThrows(NonFiniteLossException.class,
                () -> growing.fit(x, y, FitOptions.epochs(40).batchSize(1).shuffle(false).verbose(0).callbacks(probe)));
        assertEquals(-1, e.batch(), "a whole epoch diverged");
        assertTrue(e.epoch() > 1 && e.epoch() < 40, e.getMessage());
        assertTrue(e.getMessage().contains("more than 10.0 times the starting loss"), e.getMessage());
        assertSameState(probe.atEpochBegin, growing.snapshot());
        for (float w : growing.getParameters()) {
            assertTrue(Float.isFinite(w));
        }

        // With the rule off the same run goes on until the weight is no longer finite.
        Sequential unchecked = new Sequential(new Dense(1).useBias(false).inputDim(1)).seed(4);
        unchecked.compile("mse", new Sgd(1.1));
        var late = assertThrows(NonFiniteLossException.class, () -> unchecked.fit(x, y,
                FitOptions.epochs(1000).batchSize(1).shuffle(false).verbose(0).divergenceFactor(Double.POSITIVE_INFINITY)));
        assertTrue(late.epoch() > e.epoch() && late.batch() > 0, late.getMessage());
    }

    @Test
    void sparseLabelsOnAOneOutputModelFailBeforeTheFirstStepNamingTheDataRow() {
        Sequential model = new Sequential(new Dense(1, "sigmoid").inputDim(4)).seed(2);
        model.compile("sparse_categorical_crossentropy", "sgd");
        float[] before = model.getParameters();
        float[][] y = new float[150][1];
        for (int i = 100; i < 150; i++) {
            y[i][0] = 1;
        }
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(Iris.X, y, FitOptions.epochs(1).batchSize(16).verbose(0)));
        assertTrue(e.getMessage().contains("y row 100 is the label 1.0 but the model has 1 output"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        assertArrayEquals(before, model.getParameters(), "no batch was applied");
        assertEquals(0, model.snapshot().step());
    }

    @Test
    void validationLabelsAreCheckedToo() {
        Sequential model = new Sequential(new Dense(3, "softmax").inputDim(4)).seed(2);
        model.compile("sparse_categorical_crossentropy", "adam", "accuracy");
        float[][] y = new float[150][1];
        float[][] vy = new float[5][1];
        vy[3][0] = 3;
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(Iris.X, y,
                FitOptions.epochs(1).verbose(0).validationData(Arrays.copyOf(Iris.X, 5), vy)));
        assertTrue(e.getMessage().contains("validation y row 3 is the label 3.0 but the model has 3 outputs"), e.getMessage());
    }

    @Test
    void aMetricThatReadsOtherTargetsThanTheLossIsRefusedAtCompile() {
        Sequential model = new Sequential(new Dense(3, "softmax").inputDim(4));
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.compile("sparse_categorical_crossentropy", "adam", "binary_accuracy"));
        assertTrue(e.getMessage().contains("Metric 'binary_accuracy'"), e.getMessage());
        assertTrue(e.getMessage().contains("takes 1 per row"), e.getMessage());
        assertFalse(model.isCompiled(), "a failed compile leaves the model uncompiled");
        var one = new Sequential(new Dense(3, "softmax").inputDim(4));
        assertThrows(IllegalArgumentException.class, () -> one.compile("categorical_crossentropy", "adam", "sparse_categorical_accuracy"));
    }

    @Test
    void theStepCounterRefusesToOverflowAndChangesNothing() {
        Sequential model = Iris.lectureModel(5);
        model.compile("mean_squared_error", new Adam(0.01), "accuracy");
        ModelSnapshot s = model.snapshot();
        model.restore(new ModelSnapshot(s.parameters(), s.slots(), Long.MAX_VALUE, s.shuffleState(), s.dropoutState()));
        ModelSnapshot full = model.snapshot();
        float[][] x = {Iris.X[0]};
        float[][] y = {Iris.Y[0]};
        var e = assertThrows(IllegalStateException.class, () -> model.trainOnBatch(x, y));
        assertTrue(e.getMessage().contains("cannot count another"), e.getMessage());
        assertSameState(full, model.snapshot());
        assertThrows(IllegalStateException.class, () -> model.applyGradients(new float[model.parameterCount()]));
        assertThrows(IllegalStateException.class, () -> model.fit(Iris.X, Iris.Y, FitOptions.epochs(1).verbose(0)));
        assertSameState(full, model.snapshot());
    }

    private static void assertSameState(ModelSnapshot expected, ModelSnapshot actual) {
        assertArrayEquals(expected.parameters(), actual.parameters(), "parameters");
        assertArrayEquals(expected.slots(), actual.slots(), "optimizer slots");
        assertEquals(expected.step(), actual.step(), "step");
        assertEquals(expected.shuffleState(), actual.shuffleState(), "shuffling stream");
        assertEquals(expected.dropoutState(), actual.dropoutState(), "dropout stream");
    }
}
