package dev.vectornn.io;

import dev.vectornn.layers.Layer;
import dev.vectornn.spi.Kernels;
import dev.vectornn.spi.LayerType;

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
    public void forward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                        float[] y, int yOff, RandomGenerator training, float[] scratch, int sOff) {
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < in; j++) {
                y[yOff + b * in + j] = x[xOff + b * in + j] * params[pOff + j];
            }
        }
    }

    @Override
    public void backward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                         float[] y, int yOff, float[] dy, int dyOff, boolean dyIsPreActivation,
                         float[] grads, int gOff, float[] dx, int dxOff, float[] scratch, int sOff) {
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < in; j++) {
                grads[gOff + j] += x[xOff + b * in + j] * dy[dyOff + b * in + j];
                if (dx != null) {
                    dx[dxOff + b * in + j] = dy[dyOff + b * in + j] * params[pOff + j];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Gain(" + initialGain + ")";
    }
}
