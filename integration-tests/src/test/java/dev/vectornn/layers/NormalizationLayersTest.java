package dev.vectornn.layers;

import dev.vectornn.backend.Backends;
import dev.vectornn.internal.SplitMix64;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Worked values of BatchNormalization, LayerNormalization, Normalization and GaussianNoise on the
 * backend this run selects (integration-tests run once per backend), in training and inference
 * mode, and the moving statistics after several steps against a hand computation.
 */
class NormalizationLayersTest {

    private static final Kernels KERNELS = Backends.current().kernels();

    /** Runs one forward pass of {@code layer} on {@code x} (rows × width) with the given parameters. */
    private static float[] forward(Layer layer, float[] params, int nonTrainableOffset, float[] x, int rows, int width,
                                   boolean training) {
        float[] y = new float[rows * layer.outputWidth(width)];
        LayerCall call = new LayerCall(KERNELS, width, params, 0, x, y).nonTrainableOffset(nonTrainableOffset).rows(rows)
                .training(training ? new SplitMix64(3) : null)
                .scratch(new float[Math.max(1, rows * layer.scratchWidth(width))]);
        layer.forward(call);
        return y;
    }

    @Test
    void batchNormalizationInTrainingUsesTheBatchStatisticsAndMovesTheMovingOnes() {
        // Keras 3 (keras/src/layers/normalization/batch_normalization.py): y = γ (x − μ) / √(σ² + ε) + β
        // with the biased batch variance, and moving = moving · momentum + batch · (1 − momentum).
        // x = [[1, 2], [3, 6]]: μ = [2, 4], σ² = [1, 4]; ε = 1e-3:
        // y[0] = [−1/√1.001, −2/√4.001] = [−0.9995004, −0.9998750];
        // moving mean = 0.01 μ = [0.02, 0.04], moving variance = 0.99 + 0.01 σ² = [1.0, 1.03].
        BatchNormalization bn = new BatchNormalization();
        float[] p = {1, 1, 0, 0, 0, 0, 1, 1}; // gamma, beta, moving mean, moving variance
        float[] y = forward(bn, p, 4, new float[] {1, 2, 3, 6}, 2, 2, true);
        assertArrayEquals(new float[] {-0.9995004f, -0.9998750f, 0.9995004f, 0.9998750f}, y, 1e-6f);
        assertArrayEquals(new float[] {0.02f, 0.04f, 1.0f, 1.03f}, java.util.Arrays.copyOfRange(p, 4, 8), 1e-6f);
    }

    @Test
    void batchNormalizationInInferenceUsesTheMovingStatistics() {
        // Same formula with the moving statistics: mean [1, −1], variance [3.999, 0.999], γ [2, 1], β [0.5, 0]:
        // x = [3, 0] → [2 · 2/√4 + 0.5, 1/√1] = [2.5, 1].
        float[] p = {2, 1, 0.5f, 0, 1, -1, 3.999f, 0.999f};
        float[] y = forward(new BatchNormalization(), p, 4, new float[] {3, 0}, 1, 2, false);
        assertArrayEquals(new float[] {2.5f, 1f}, y, 1e-6f);
        assertArrayEquals(new float[] {1, -1, 3.999f, 0.999f}, java.util.Arrays.copyOfRange(p, 4, 8), "unchanged");
    }

    @Test
    void movingStatisticsAfterThreeStepsMatchAHandComputation() {
        // As the first layer, BatchNormalization sees the raw batches, so its moving statistics follow
        // the Keras recurrence over the three batches whatever the optimizer does to γ and β.
        Sequential model = new Sequential().seed(5).input(2);
        model.add(new BatchNormalization(0.9, 1e-3, true, true));
        model.add(new Dense(1));
        model.compile("mse", new Sgd(0.1));
        float[][][] batches = {{{1, 2}, {3, 6}}, {{0, 0}, {2, 2}}, {{-1, 5}, {1, 7}}};
        double[] mean = {0, 0};
        double[] var = {1, 1};
        for (float[][] b : batches) {
            model.trainOnBatch(b, new float[][] {{1}, {0}});
            for (int j = 0; j < 2; j++) {
                double mu = (b[0][j] + b[1][j]) / 2.0;
                double s2 = ((b[0][j] - mu) * (b[0][j] - mu) + (b[1][j] - mu) * (b[1][j] - mu)) / 2;
                mean[j] = mean[j] * 0.9 + mu * 0.1;
                var[j] = var[j] * 0.9 + s2 * 0.1;
            }
        }
        // By hand, batch means [2, 4], [1, 1], [0, 6] and variances [1, 4], [1, 1], [1, 1]:
        // mean₀ = ((0.2 · 0.9) + 0.1) · 0.9 + 0 = 0.252, mean₁ = ((0.4 · 0.9) + 0.1) · 0.9 + 0.6 = 1.014,
        // var₀ = 1, var₁ = ((1.3 · 0.9) + 0.1) · 0.9 + 0.1 = 1.243.
        assertArrayEquals(new double[] {0.252, 1.014}, mean, 1e-9);
        assertArrayEquals(new double[] {1.0, 1.243}, var, 1e-9);
        float[] p = model.getParameters();
        int m = model.layerNonTrainableOffset(0);
        assertEquals(mean[0], p[m], 1e-6);
        assertEquals(mean[1], p[m + 1], 1e-6);
        assertEquals(var[0], p[m + 2], 1e-6);
        assertEquals(var[1], p[m + 3], 1e-6);
        assertEquals(model.trainableParameterCount() + 4, model.parameterCount());
        assertTrue(model.summary().contains("Non-trainable params: 4"), model.summary());

        // Inference normalises with those statistics: y = w · ((x − mean) γ/√(var + ε) + β) + b.
        float[] x = {2, 3};
        double expected = p[6]; // the dense bias
        for (int j = 0; j < 2; j++) {
            double h = (x[j] - p[m + j]) / Math.sqrt(p[m + 2 + j] + 1e-3f) * p[j] + p[2 + j];
            expected += h * p[4 + j];
        }
        assertEquals(expected, model.predict(x)[0], 1e-5);
    }

    @Test
    void aFailedStepPutsTheMovingStatisticsBack() {
        Sequential model = new Sequential().seed(5).input(2);
        model.add(new BatchNormalization());
        model.add(new Dense(1));
        model.compile("mse", new Sgd(1e38));
        float[] before = model.getParameters();
        assertThrows(dev.vectornn.models.NonFiniteLossException.class,
                () -> model.trainOnBatch(new float[][] {{1, 2}, {3, 6}}, new float[][] {{1e18f}, {-1e18f}}));
        assertArrayEquals(before, model.getParameters(), "moving statistics and weights as they were");
    }

    @Test
    void layerNormalizationNormalisesEachRow() {
        // Keras 3 LayerNormalization docstring: (x_i − mean_i) / √(var_i + ε) · γ + β, biased variance, ε = 1e-3.
        // x = [1, 2, 3]: mean 2, var 2/3 → [−1, 0, 1] / √(0.6676667) = [−1.2238272, 0, 1.2238272].
        float[] p = {1, 1, 1, 0, 0, 0};
        float[] y = forward(new LayerNormalization(), p, 6, new float[] {1, 2, 3}, 1, 3, false);
        assertArrayEquals(new float[] {-1.2238272f, 0f, 1.2238272f}, y, 1e-6f);
        assertArrayEquals(y, forward(new LayerNormalization(), p, 6, new float[] {1, 2, 3}, 1, 3, true),
                "the same in training");
    }

    @Test
    void normalizationAdaptsAsKerasDocumentsIt() {
        // Keras 3 Normalization docstring: adapt [[0,7,4],[2,9,6],[0,7,4],[2,9,6]], then [[0,7,4]] → [[−1,−1,−1]].
        Normalization n = new Normalization().adapt(new float[][] {{0, 7, 4}, {2, 9, 6}, {0, 7, 4}, {2, 9, 6}});
        Sequential model = new Sequential().input(3);
        model.add(n);
        model.compile("mse", "sgd");
        assertArrayEquals(new float[] {-1, -1, -1}, model.predict(new float[] {0, 7, 4}), 1e-6f);
        // Keras: Normalization(mean=3., variance=2.) on [[1],[2],[3]] → [[−1.4142135],[−0.70710677],[0]].
        Sequential given = new Sequential().input(1);
        given.add(new Normalization(new float[] {3}, new float[] {2}));
        given.compile("mse", "sgd");
        float[][] out = given.predict(new float[][] {{1}, {2}, {3}});
        assertArrayEquals(new float[] {-1.4142135f, -0.70710677f, 0f}, new float[] {out[0][0], out[1][0], out[2][0]}, 1e-6f);
        Sequential inverted = new Sequential().input(1);
        inverted.add(new Normalization(new float[] {3}, new float[] {2}).invert(true));
        inverted.compile("mse", "sgd");
        assertEquals(1f, inverted.predict(new float[] {-1.4142135f})[0], 1e-6f);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential().input(3).add(new Normalization()).compile("mse", "sgd"));
        assertTrue(e.getMessage().contains("not adapted"), e.getMessage());
    }

    @Test
    void gaussianNoiseAddsNoiseOnlyWhileTrainingAndRepeatsWithTheSeed() {
        // Keras GaussianNoise(stddev): x + N(0, stddev²) while training, x in inference.
        GaussianNoise noise = new GaussianNoise(0.5);
        int n = 20_000;
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        assertArrayEquals(x, forward(noise, new float[0], 0, x, n, 1, false));
        float[] y = forward(noise, new float[0], 0, x, n, 1, true);
        double sum = 0;
        double squares = 0;
        for (float v : y) {
            sum += v - 1;
            squares += (v - 1) * (v - 1);
        }
        double mean = sum / n;
        double sd = Math.sqrt(squares / n - mean * mean);
        // A fixed seed: the sample of 20,000 values has mean within 4 standard errors (4 · 0.5/√n = 0.014) of 0.
        assertEquals(0, mean, 0.014, "mean of the noise");
        assertEquals(0.5, sd, 0.01, "standard deviation of the noise");
        assertArrayEquals(y, forward(noise, new float[0], 0, x, n, 1, true), "same stream, same noise");

        float[] a = trainedWithNoise(7);
        assertArrayEquals(a, trainedWithNoise(7), "same seed, same backend: the same bits");
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(trainedWithNoise(8)));
    }

    private static float[] trainedWithNoise(long seed) {
        Sequential model = new Sequential().seed(seed).input(2);
        model.add(new GaussianNoise(0.3));
        model.add(new Dense(4, "tanh"));
        model.add(new Dense(1));
        model.compile("mse", "sgd");
        float[][] x = {{0, 1}, {1, 0}, {1, 1}, {0, 0}};
        float[][] t = {{1}, {1}, {0}, {0}};
        model.fit(x, t, dev.vectornn.models.FitOptions.epochs(5).batchSize(2).verbose(0));
        return model.getParameters();
    }
}
