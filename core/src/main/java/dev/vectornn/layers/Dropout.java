package dev.vectornn.layers;

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
    public void forward(LayerCall c) {
        int n = c.rows() * c.inputWidth();
        float[] x = c.input();
        float[] y = c.output();
        RandomGenerator training = c.training();
        if (training == null || rate == 0f) {
            System.arraycopy(x, 0, y, 0, n);
            return;
        }
        float[] mask = c.scratch();
        float keepScale = 1f / (1f - rate);
        for (int i = 0; i < n; i++) {
            float m = training.nextFloat() < rate ? 0f : keepScale;
            mask[i] = m;
            y[i] = x[i] * m;
        }
    }

    @Override
    public void backward(LayerCall c) {
        float[] dx = c.inputGradient();
        if (dx == null) {
            return;
        }
        int n = c.rows() * c.inputWidth();
        float[] dy = c.outputGradient();
        if (rate == 0f) {
            System.arraycopy(dy, 0, dx, 0, n);
            return;
        }
        float[] mask = c.scratch();
        for (int i = 0; i < n; i++) {
            dx[i] = dy[i] * mask[i];
        }
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
