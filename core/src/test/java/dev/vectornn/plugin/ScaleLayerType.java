package dev.vectornn.plugin;

import dev.vectornn.layers.Layer;
import dev.vectornn.layers.LayerCall;
import dev.vectornn.layers.LayerType;

import java.util.Map;

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
        public void forward(LayerCall c) {
            float[] x = c.input();
            float[] y = c.output();
            for (int i = 0; i < c.rows() * c.inputWidth(); i++) {
                y[i] = x[i] * factor;
            }
        }

        @Override
        public void backward(LayerCall c) {
            float[] dx = c.inputGradient();
            if (dx != null) {
                float[] dy = c.outputGradient();
                for (int i = 0; i < c.rows() * c.inputWidth(); i++) {
                    dx[i] = dy[i] * factor;
                }
            }
        }
    }
}
