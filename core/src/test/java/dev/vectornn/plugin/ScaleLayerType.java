package dev.vectornn.plugin;

import dev.vectornn.layers.Layer;
import dev.vectornn.spi.Kernels;
import dev.vectornn.spi.LayerType;

import java.util.Map;
import java.util.random.RandomGenerator;

/** A third-party-style layer type {@code "scale"}: multiplies its input by a constant factor. */
public final class ScaleLayerType implements LayerType {

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public Layer create(Map<String, Object> config) {
        if (!(config.get("factor") instanceof Number f)) {
            throw new IllegalArgumentException("scale needs a numeric 'factor', got " + config);
        }
        return new Scale(f.floatValue());
    }

    /** The layer itself. */
    public static final class Scale extends Layer {
        private final float factor;

        public Scale(float factor) {
            this.factor = factor;
        }

        @Override
        public String typeName() {
            return "scale";
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("factor", (double) factor);
        }

        @Override
        public int outputWidth(int inputWidth) {
            return inputWidth;
        }

        @Override
        public void forward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                            float[] y, int yOff, RandomGenerator training, float[] scratch, int sOff) {
            for (int i = 0; i < batch * in; i++) {
                y[yOff + i] = x[xOff + i] * factor;
            }
        }

        @Override
        public void backward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                             float[] y, int yOff, float[] dy, int dyOff, boolean pre, float[] grads, int gOff,
                             float[] dx, int dxOff, float[] scratch, int sOff) {
            if (dx != null) {
                for (int i = 0; i < batch * in; i++) {
                    dx[dxOff + i] = dy[dyOff + i] * factor;
                }
            }
        }
    }
}
