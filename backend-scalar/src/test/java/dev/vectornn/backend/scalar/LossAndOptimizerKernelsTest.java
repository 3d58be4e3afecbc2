package dev.vectornn.backend.scalar;

import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loss values and gradients, and optimizer updates, against hand-computed numbers. */
class LossAndOptimizerKernelsTest {

    private static final Kernels K = new ScalarBackend().kernels();

    @Test
    void meanSquaredErrorIsTheMeanOverOutputsSummedOverRows() {
        float[] y = {0.5f, 0.5f, 1f, 0f};
        float[] t = {1f, 0f, 1f, 1f};
        float[] g = new float[4];
        float loss = K.meanSquaredError(2, 2, y, 0, t, 0, g, 0);
        assertEquals((0.25 + 0.25) / 2 + (0 + 1) / 2.0, loss, 1e-6);
        // gradient of the batch mean: 2 (y − t) / (cols · rows)
        assertArrayEquals(new float[] {-0.25f, 0.25f, 0f, -0.5f}, g, 1e-7f);
    }

    @Test
    void categoricalCrossEntropyAndItsFusedSoftmaxGradient() {
        float[] p = {0.7f, 0.2f, 0.1f};
        float[] t = {0f, 1f, 0f};
        float[] g = new float[3];
        float loss = K.categoricalCrossEntropy(1, 3, p, 0, t, 0, g, 0, false);
        assertEquals(-Math.log(0.2), loss, 1e-6);
        assertArrayEquals(new float[] {0f, -5f, 0f}, g, 1e-5f);
        K.categoricalCrossEntropy(1, 3, p, 0, t, 0, g, 0, true);
        assertArrayEquals(new float[] {0.7f, -0.8f, 0.1f}, g, 1e-6f);
    }

    @Test
    void crossEntropyClipsProbabilitiesAsKerasDoes() {
        float loss = K.categoricalCrossEntropy(1, 2, new float[] {1f, 0f}, 0, new float[] {0f, 1f}, 0, null, 0, false);
        assertEquals(-Math.log(1e-7), loss, 1e-3);
        assertTrue(Float.isFinite(loss));
    }

    @Test
    void sparseCrossEntropyEqualsOneHotCrossEntropy() {
        float[] p = {0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f};
        float[] g1 = new float[6];
        float[] g2 = new float[6];
        float a = K.sparseCategoricalCrossEntropy(2, 3, p, 0, new float[] {1, 2}, 0, g1, 0, true);
        float b = K.categoricalCrossEntropy(2, 3, p, 0, new float[] {0, 1, 0, 0, 0, 1}, 0, g2, 0, true);
        assertEquals(b, a, 1e-6f);
        assertArrayEquals(g2, g1, 1e-7f);
        var e = assertThrows(IllegalArgumentException.class,
                () -> K.sparseCategoricalCrossEntropy(1, 3, p, 0, new float[] {3}, 0, null, 0, true));
        assertTrue(e.getMessage().contains("row 0 is 3.0"), e.getMessage());
    }

    @Test
    void binaryCrossEntropy() {
        float[] p = {0.9f, 0.2f};
        float[] t = {1f, 0f};
        float[] g = new float[2];
        float loss = K.binaryCrossEntropy(1, 2, p, 0, t, 0, g, 0, true);
        assertEquals((-Math.log(0.9) - Math.log(0.8)) / 2, loss, 1e-6);
        assertArrayEquals(new float[] {-0.05f, 0.1f}, g, 1e-6f);
    }

    @Test
    void sgdWithAndWithoutMomentum() {
        float[] w = {1f, 2f};
        K.sgdUpdate(2, w, 0, new float[] {0.5f, -1f}, 0, null, 0, 0.1f, 0f, false);
        assertArrayEquals(new float[] {0.95f, 2.1f}, w, 1e-6f);
        float[] v = {0.2f, 0f};
        float[] w2 = {1f, 1f};
        K.sgdUpdate(2, w2, 0, new float[] {1f, 1f}, 0, v, 0, 0.1f, 0.9f, false);
        assertArrayEquals(new float[] {0.08f, -0.1f}, v, 1e-6f);     // v = 0.9 v − 0.1 g
        assertArrayEquals(new float[] {1.08f, 0.9f}, w2, 1e-6f);     // w += v
        float[] v3 = {0.2f};
        float[] w3 = {1f};
        K.sgdUpdate(1, w3, 0, new float[] {1f}, 0, v3, 0, 0.1f, 0.9f, true);
        assertEquals(1f + 0.9f * 0.08f - 0.1f, w3[0], 1e-6f);         // Nesterov: w += m v − lr g
    }

    @Test
    void adamFirstStepMovesEachWeightByAboutTheLearningRate() {
        float[] w = {1f, 1f};
        float[] m = new float[2];
        float[] v = new float[2];
        K.adamUpdate(2, w, 0, new float[] {0.3f, -4f}, 0, m, 0, v, 0, 0.01f, 0.9f, 0.999f, 1e-7f, 1);
        assertEquals(0.99f, w[0], 1e-5f);
        assertEquals(1.01f, w[1], 1e-5f);
        assertEquals(0.03f, m[0], 1e-7f);
        assertEquals(0.001f * 0.09f, v[0], 1e-9f + 1e-4f * 0.001f * 0.09f);
    }

    @Test
    void rmspropAndAdagrad() {
        float[] w = {1f};
        float[] s = {0f};
        K.rmspropUpdate(1, w, 0, new float[] {2f}, 0, s, 0, 0.01f, 0.9f, 1e-7f);
        assertEquals(0.4f, s[0], 1e-6f);
        assertEquals(1f - 0.01f * 2f / (float) Math.sqrt(0.4f + 1e-7f), w[0], 1e-6f);
        float[] w2 = {1f};
        float[] a = {0.1f};
        K.adagradUpdate(1, w2, 0, new float[] {1f}, 0, a, 0, 0.1f, 1e-7f);
        assertEquals(1.1f, a[0], 1e-6f);
        assertEquals(1f - 0.1f / (float) Math.sqrt(1.1f + 1e-7f), w2[0], 1e-6f);
    }
}
