package dev.vectornn.layers;

import dev.vectornn.spi.Kernels;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout, as Keras' {@code Dropout(rate)}: while training, each input is zeroed with
 * probability {@code rate} and the survivors are scaled by {@code 1 / (1 − rate)}, so inference
 * needs no change and simply passes the input through.
 */
public final class Dropout extends Layer {

    private final float rate;

    public Dropout(double rate) {
        // The rate is kept as a float: a double just below 1 (0.99999999) rounds to 1.0f, which would
        // zero every input, so the check is on the value actually used.
        if (!(rate >= 0 && (float) rate < 1f)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1) after rounding to float, got " + rate);
        }
        this.rate = (float) rate;
    }

    public float rate() {
        return rate;
    }

    @Override
    public String typeName() {
        return "dropout";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("rate", (double) rate);
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public int scratchWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public void forward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                        float[] y, int yOff, RandomGenerator training, float[] scratch, int sOff) {
        int n = batch * in;
        if (training == null || rate == 0f) {
            System.arraycopy(x, xOff, y, yOff, n);
            return;
        }
        float keepScale = 1f / (1f - rate);
        for (int i = 0; i < n; i++) {
            float m = training.nextFloat() < rate ? 0f : keepScale;
            scratch[sOff + i] = m;
            y[yOff + i] = x[xOff + i] * m;
        }
    }

    @Override
    public void backward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                         float[] y, int yOff, float[] dy, int dyOff, boolean dyIsPreActivation,
                         float[] grads, int gOff, float[] dx, int dxOff, float[] scratch, int sOff) {
        if (dx == null) {
            return;
        }
        int n = batch * in;
        if (rate == 0f) {
            System.arraycopy(dy, dyOff, dx, dxOff, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = dy[dyOff + i] * scratch[sOff + i];
        }
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
