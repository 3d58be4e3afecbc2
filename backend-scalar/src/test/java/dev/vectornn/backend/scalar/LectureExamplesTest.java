package dev.vectornn.backend.scalar;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lecture's worked numbers, computed by the kernels. */
class LectureExamplesTest {

    private static final Kernels K = new ScalarBackend().kernels();

    @Test
    void softmaxOfTheLecturesScores() {
        float[] y = new float[3];
        K.activationForward(Activation.SOFTMAX, 1, 3, new float[] {3.0f, 1.5f, 0.3f}, 0, y, 0);
        // Exactly e^3 / (e^3 + e^1.5 + e^0.3) = 0.7750, 0.1729, 0.0521: the lecture's 0.78, 0.17, 0.05 rounded.
        assertEquals(0.7750, y[0], 1e-4);
        assertEquals(0.1729, y[1], 1e-4);
        assertEquals(0.0521, y[2], 1e-4);
        assertEquals(0.78, y[0], 0.01);
        assertEquals(0.17, y[1], 0.01);
        assertEquals(0.05, y[2], 0.01);
        assertEquals(1.0, y[0] + y[1] + y[2], 1e-6);
    }

    @Test
    void softmaxIsStableForHugeScores() {
        float[] y = new float[3];
        K.activationForward(Activation.SOFTMAX, 1, 3, new float[] {1000f, -1000f, 999f}, 0, y, 0);
        assertEquals(1 / (1 + Math.exp(-1)), y[0], 1e-6);
        assertEquals(0f, y[1]);
        assertEquals(1.0, y[0] + y[1] + y[2], 1e-6);
    }

    /**
     * The 2-2-2 sigmoid network with squared error: the gradient of w31 (hidden 1 → output 1) is
     * {@code (y_o1 − y_t1) · y_o1 (1 − y_o1) · y_h1}. Keras' MSE over two outputs is
     * {@code ½ Σ (y − t)²}, the lecture's E, so no factor differs.
     */
    @Test
    void gradientOfW31IsTheLecturesChainRuleProduct() {
        float[] x = {0.05f, 0.10f};
        float[] w1 = {0.15f, 0.25f, 0.20f, 0.30f}; // [in=2, out=2]: w1[i*2+j] connects input i to hidden j
        float[] b1 = {0.35f, 0.35f};
        float[] w2 = {0.40f, 0.50f, 0.45f, 0.55f};
        float[] b2 = {0.60f, 0.60f};
        float[] t = {0.01f, 0.99f};
        float[] h = new float[2];
        float[] o = new float[2];
        K.denseForward(1, 2, 2, x, 0, 2, w1, 0, b1, 0, Activation.SIGMOID, h, 0, 2);
        K.denseForward(1, 2, 2, h, 0, 2, w2, 0, b2, 0, Activation.SIGMOID, o, 0, 2);
        assertEquals(0.75136507, o[0], 1e-6); // Mazur's worked example
        float[] dOut = new float[2];
        float e = K.meanSquaredError(1, 2, o, 0, t, 0, dOut, 0);
        assertEquals(0.298371109 * 2 / 2, e, 1e-6); // ½Σ(t−y)² = 0.2983711
        float[] dw2 = new float[4];
        float[] db2 = new float[2];
        float[] dh = new float[2];
        K.denseBackward(1, 2, 2, h, 0, 2, w2, 0, o, 0, 2, Activation.SIGMOID, dOut, 0, 2, dw2, 0, db2, 0, dh, 0, 2);
        float expected = (o[0] - t[0]) * o[0] * (1 - o[0]) * h[0];
        assertEquals(expected, dw2[0], 1e-7f);
        assertEquals(0.082167041, dw2[0], 1e-6);
        // Hidden weight w11 (input 1 → hidden 1): both paths through o1 and o2.
        float[] dw1 = new float[4];
        K.denseBackward(1, 2, 2, x, 0, 2, w1, 0, h, 0, 2, Activation.SIGMOID, dh, 0, 2, dw1, 0, new float[2], 0, null, 0, 2);
        double delta1 = (o[0] - t[0]) * o[0] * (1 - o[0]);
        double delta2 = (o[1] - t[1]) * o[1] * (1 - o[1]);
        double hidden = (delta1 * w2[0] + delta2 * w2[1]) * h[0] * (1 - h[0]) * x[0];
        assertEquals(hidden, dw1[0], 1e-7);
        assertEquals(0.000438568, dw1[0], 1e-6);
    }
}
