package dev.vectornn.models;

import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.losses.MeanSquaredError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientStatisticsTest {

    private static final int N = 24;

    private static float[][] x() {
        SplittableRandom r = new SplittableRandom(7);
        float[][] x = new float[N][3];
        for (float[] row : x) {
            for (int c = 0; c < 3; c++) {
                row[c] = (float) r.nextDouble(-1, 1);
            }
        }
        return x;
    }

    private static float[][] y(float[][] x) {
        float[][] y = new float[x.length][2];
        for (int i = 0; i < x.length; i++) {
            y[i][0] = x[i][0] * x[i][1] > 0 ? 1 : 0;
            y[i][1] = 1 - y[i][0];
        }
        return y;
    }

    /** Dense, a parameter-free activation layer, Dense: the middle layer must not be tracked. */
    private static Sequential model() {
        Sequential m = new Sequential(new Dense(5).inputDim(3), new ActivationLayer("tanh"), new Dense(2, "sigmoid"));
        m.seed(11);
        m.compile(new MeanSquaredError(), new Sgd(0.1));
        return m;
    }

    /** The norm of each parameterised layer's slice of a full gradient vector. */
    private static double[] layerNorms(Sequential m, float[] g) {
        int[] layers = {0, 2};
        double[] norms = new double[layers.length];
        for (int k = 0; k < layers.length; k++) {
            int l = layers[k];
            int from = m.layerParameterOffset(l);
            int to = from + m.layers().get(l).parameterCount(m.layerInputWidth(l));
            double s = 0;
            for (int i = from; i < to; i++) {
                s += (double) g[i] * g[i];
            }
            norms[k] = Math.sqrt(s);
        }
        return norms;
    }

    @Test
    void fullBatchNormsEqualTheNormsOfTheModelsGradientStepByStep() {
        float[][] x = x();
        float[][] y = y(x);
        GradientStatistics stats = new GradientStatistics();
        model().fit(x, y, FitOptions.epochs(3).batchSize(N).shuffle(false).verbose(0).callbacks(stats));

        // Replay the same three full-batch SGD steps by hand with gradients() and applyGradients().
        Sequential replay = model();
        assertEquals(3, stats.epochs());
        for (int epoch = 0; epoch < 3; epoch++) {
            float[] g = replay.gradients(x, y).parameters();
            double[] expected = layerNorms(replay, g);
            for (int k = 0; k < 2; k++) {
                assertEquals(expected[k], stats.meanNorm(epoch, k), 1e-6 * expected[k], "epoch " + epoch + " layer " + k);
                // One batch per epoch: the mean and the maximum are that batch's norm.
                assertEquals(stats.meanNorm(epoch, k), stats.maxNorm(epoch, k), 0.0);
            }
            replay.applyGradients(g);
        }
        assertTrue(stats.meanNorm(0, 0) > 0, "a gradient that is exactly zero would make this test vacuous");
    }

    @Test
    void severalBatchesGiveTheMeanAndTheMaximumOfThePerBatchNorms() {
        float[][] x = x();
        float[][] y = y(x);
        GradientStatistics stats = new GradientStatistics();
        Sequential m = model();
        // Replicate what fit does per batch: the norms of the gradient of each batch of 8 unshuffled rows.
        Sequential replay = model();
        double[] sum = new double[2];
        double[] max = new double[2];
        for (int b = 0; b < 3; b++) {
            float[][] xb = java.util.Arrays.copyOfRange(x, b * 8, b * 8 + 8);
            float[][] yb = java.util.Arrays.copyOfRange(y, b * 8, b * 8 + 8);
            float[] g = replay.gradients(xb, yb).parameters();
            double[] norms = layerNorms(replay, g);
            for (int k = 0; k < 2; k++) {
                sum[k] += norms[k];
                max[k] = Math.max(max[k], norms[k]);
            }
            replay.applyGradients(g);
        }
        m.fit(x, y, FitOptions.epochs(1).batchSize(8).shuffle(false).verbose(0).callbacks(stats));
        for (int k = 0; k < 2; k++) {
            assertEquals(sum[k] / 3, stats.meanNorm(0, k), 1e-6 * sum[k]);
            assertEquals(max[k], stats.maxNorm(0, k), 1e-6 * max[k]);
            assertTrue(stats.maxNorm(0, k) >= stats.meanNorm(0, k));
        }
    }

    @Test
    void tracksOnlyLayersWithParametersAndNamesThemAsSummaryDoes() {
        GradientStatistics stats = new GradientStatistics();
        float[][] x = x();
        model().fit(x, y(x), FitOptions.epochs(2).batchSize(8).verbose(0).callbacks(stats));
        assertEquals(2, stats.layerCount());
        assertEquals(List.of(0, 2), stats.layerIndices());
        assertEquals(List.of("dense Dense(5)", "dense_1 Dense(2, sigmoid)"), stats.layerNames());
        assertEquals(2, stats.meanNorms(1).size());
        assertEquals(stats.meanNorm(1, 1), stats.meanNorms(1).get(1), 0.0);
    }

    @Test
    void aSecondFitStartsAFreshRecord() {
        GradientStatistics stats = new GradientStatistics();
        float[][] x = x();
        Sequential m = model();
        m.fit(x, y(x), FitOptions.epochs(3).batchSize(8).verbose(0).callbacks(stats));
        m.fit(x, y(x), FitOptions.epochs(2).batchSize(8).verbose(0).callbacks(stats));
        assertEquals(2, stats.epochs());
    }

    @Test
    void outOfRangeQueriesNameTheValidRange() {
        GradientStatistics stats = new GradientStatistics();
        IndexOutOfBoundsException before = assertThrows(IndexOutOfBoundsException.class, () -> stats.meanNorm(0, 0));
        assertTrue(before.getMessage().contains("pass this callback to fit first"), before.getMessage());
        float[][] x = x();
        model().fit(x, y(x), FitOptions.epochs(2).batchSize(8).verbose(0).callbacks(stats));
        IndexOutOfBoundsException layer = assertThrows(IndexOutOfBoundsException.class, () -> stats.meanNorm(0, 2));
        assertTrue(layer.getMessage().contains("(0 .. 1)"), layer.getMessage());
        IndexOutOfBoundsException epoch = assertThrows(IndexOutOfBoundsException.class, () -> stats.maxNorm(5, 0));
        assertTrue(epoch.getMessage().contains("Epoch 5") && epoch.getMessage().contains("(0 .. 1)"), epoch.getMessage());
    }
}
