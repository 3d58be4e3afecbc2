package dev.vectornn.io;

import dev.vectornn.layers.Layer;
import dev.vectornn.layers.LayerCall;
import dev.vectornn.layers.LayerType;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A "third-party" layer that exists only in the tests: {@code y = x ⊙ gain}, one trainable gain per
 * feature, registered as {@code "test_gain"} through {@code META-INF/services} like any plug-in, to
 * show that models using layers from outside core save and load.
 */
final class GainLayer extends Layer {

    private final double initialGain;

    GainLayer(double initialGain) {
        if (!Double.isFinite(initialGain)) {
            throw new IllegalArgumentException("initial_gain must be finite, got " + initialGain);
        }
        this.initialGain = initialGain;
    }

    /** The {@link LayerType} that the service file registers. */
    public static final class Type implements LayerType {
        @Override
        public String name() {
            return "test_gain";
        }

        @Override
        public Layer create(Map<String, Object> config) {
            if (!(config.get("initial_gain") instanceof Number n)) {
                throw new IllegalArgumentException("test_gain needs a numeric 'initial_gain', got " + config);
            }
            return new GainLayer(n.doubleValue());
        }
    }

    @Override
    public String typeName() {
        return "test_gain";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("initial_gain", initialGain);
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public List<ParameterSpec> parameters(int inputWidth) {
        return List.of(new ParameterSpec("gain", inputWidth));
    }

    @Override
    public void initialize(int inputWidth, float[] params, int pOff, RandomGenerator random) {
        java.util.Arrays.fill(params, pOff, pOff + inputWidth, (float) initialGain);
    }

    @Override
    public void forward(LayerCall c) {
        int in = c.inputWidth();
        float[] x = c.input();
        float[] y = c.output();
        float[] params = c.params();
        int pOff = c.paramOffset();
        for (int b = 0; b < c.rows(); b++) {
            for (int j = 0; j < in; j++) {
                y[b * in + j] = x[b * in + j] * params[pOff + j];
            }
        }
    }

    @Override
    public void backward(LayerCall c) {
        int in = c.inputWidth();
        float[] x = c.input();
        float[] dy = c.outputGradient();
        float[] dx = c.inputGradient();
        float[] grads = c.gradients();
        float[] params = c.params();
        int pOff = c.paramOffset();
        for (int b = 0; b < c.rows(); b++) {
            for (int j = 0; j < in; j++) {
                grads[pOff + j] += x[b * in + j] * dy[b * in + j];
                if (dx != null) {
                    dx[b * in + j] = dy[b * in + j] * params[pOff + j];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Gain(" + initialGain + ")";
    }
}
