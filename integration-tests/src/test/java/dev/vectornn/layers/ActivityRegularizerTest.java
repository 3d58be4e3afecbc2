package dev.vectornn.layers;

import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Dense.activityRegularizer}: Keras 3's penalty on a layer's output, {@code R(y) / rows}
 * added to the batch's mean loss (keras/src/layers/layer.py {@code __call__}, divided by the batch
 * size since keras-team/keras pull request #22021), with its gradient through the network. The
 * finite-difference property is {@code ActivityRegularizerGradientPropertyTest}.
 */
class ActivityRegularizerTest {

    @Test
    void kerasDocumentedExampleGivesItsTotal() {
        // keras/src/regularizers/regularizers.py's docstring (the example issue keras-team/keras #22018
        // checked, fixed by #22021): Dense(5, input_dim=5, kernel_initializer='ones',
        // kernel_regularizer=L1(0.01), activity_regularizer=L2(0.01)) on ones((5, 5)) * 2 gives
        // ops.sum(layer.losses) == 5.25: the activity penalty 0.01 · 25 · 10² / 5 = 5 and the kernel's 0.01 · 25 = 0.25.
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(5).inputDim(5).kernelRegularizer(Regularizer.l1(0.01)).activityRegularizer(Regularizer.l2(0.01)));
        m.compile("mse", new Sgd(0.1));
        m.setParameters(ones(30, 25)); // kernel_initializer='ones' (this library has no 'ones'), bias zeros
        float[][] x = new float[5][5];
        float[][] y = new float[5][5];
        for (float[] row : x) {
            Arrays.fill(row, 2f);
        }
        for (float[] row : y) {
            Arrays.fill(row, 10f); // every output is 5 · 2 · 1 = 10: the data loss is 0, only the penalties remain
        }
        assertEquals(5.25, m.evaluate(x, y).get("loss"), 1e-5);
        assertEquals(5.25, m.trainOnBatch(x, y), 1e-5);
        // By hand: dL/dy = 2 · 0.01 · 10 / 5 = 0.04 per output; dW[i][j] = Σ_r x · 0.04 = 5 · 2 · 0.04 = 0.4,
        // plus L1's 0.01 · sign(1) = 0.41; db = 5 · 0.04 = 0.2.
        float[] g = m.gradientsView();
        for (int i = 0; i < 25; i++) {
            assertEquals(0.41f, g[i], 1e-6f, "kernel gradient " + i);
        }
        for (int i = 25; i < 30; i++) {
            assertEquals(0.2f, g[i], 1e-6f, "bias gradient " + i);
        }
        // Divided by the batch: one row of the same batch has the same mean penalty (5 per row).
        Sequential one = new Sequential().seed(1);
        one.add(new Dense(5).inputDim(5).activityRegularizer(Regularizer.l2(0.01)));
        one.compile("mse", new Sgd(0.1));
        one.setParameters(ones(30, 25));
        assertEquals(5.0, one.evaluate(new float[][] {x[0]}, new float[][] {y[0]}).get("loss"), 1e-5);
    }

    private static float[] ones(int n, int count) {
        float[] p = new float[n];
        Arrays.fill(p, 0, count, 1f);
        return p;
    }

    @Test
    void sampleWeightsDoNotScaleThePenaltyAndTheGradientsApiAgreesWithTraining() {
        // Keras weighs the loss, not layer.losses: with weights 0 the loss is the penalty alone.
        Sequential m = new Sequential().seed(3);
        m.add(new Dense(3, "tanh").inputDim(2).activityRegularizer(Regularizer.l1l2(0.02, 0.03)));
        m.add(new Dense(2, "softmax").activityRegularizer("l2"));
        m.compile("categorical_crossentropy", new Sgd(0.1));
        float[][] x = {{0.5f, -1f}, {1.5f, 0.25f}, {-0.75f, 2f}};
        float[][] y = {{1, 0}, {0, 1}, {1, 0}};
        double penaltyOnly = m.evaluate(x, y, new float[] {0, 0, 0}).get("loss");
        assertTrue(penaltyOnly > 0.003, "the penalty remains: " + penaltyOnly);

        assertGradientsApiAgreesWithTraining(m, x, y);
    }

    @Test
    void weightPenaltiesInTheGradientsApiCountOncePerBatch() {
        // The gradient of the mean loss carries a weight penalty's gradient once, whatever the batch size:
        // trainOnBatch's gradient and gradients() must agree with three rows.
        Sequential m = new Sequential().seed(5);
        m.add(new Dense(2).inputDim(2).kernelRegularizer(Regularizer.l2(0.5)));
        m.compile("mse", new Sgd(0.1));
        float[][] x = {{1, 0}, {0, 1}, {1, 1}};
        float[][] y = {{0, 0}, {0, 0}, {0, 0}};
        assertGradientsApiAgreesWithTraining(m, x, y);
    }

    /** {@code gradients()} (inference mode, Spark's path) against the gradient of a training step, undone. */
    private static void assertGradientsApiAgreesWithTraining(Sequential m, float[][] x, float[][] y) {
        var before = m.snapshot();
        m.trainOnBatch(x, y);
        float[] trained = m.gradientsView().clone();
        m.restore(before);
        assertArrayEquals(trained, m.gradients(x, y).parameters(), 1e-6f);
    }

    @Test
    void configSummaryAndStrictParsing() {
        Dense d = new Dense(4, "relu").activityRegularizer("l1");
        assertEquals(Map.of("name", "l1", "config", Map.of("l1", 0.01)), d.config().get("activity_regularizer"));
        assertEquals(d.config(), Layers.create("dense", d.config()).config());
        assertTrue(d.toString().contains("activity_regularizer=L1(0.01)"), d.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create("dense", Map.of("units", 2, "activity_regularizer",
                        Map.of("name", "l1", "config", Map.of("l1", 0.1, "l3", 0.2)))));
        assertTrue(e.getMessage().contains("l3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create("dense", Map.of("units", 2, "activity_regularizer", "l4")));
        assertTrue(e.getMessage().contains("activity_regularizer") || e.getMessage().contains("l4"), e.getMessage());
    }
}
