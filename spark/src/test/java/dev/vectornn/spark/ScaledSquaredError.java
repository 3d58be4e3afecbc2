package dev.vectornn.spark;

import dev.vectornn.losses.Loss;
import dev.vectornn.spi.ConfigMap;
import dev.vectornn.spi.Kernels;

import java.util.Map;

/**
 * A test-only plugin loss with a setting, registered as {@code "test_scaled_squared_error"} in this
 * module's test {@code META-INF/services}: {@code scale · mean((y − t)²)} per sample. Its default
 * scale is 1; a model compiled with another scale trains differently, so an executor that rebuilt
 * the loss by name alone would be caught.
 */
public class ScaledSquaredError implements Loss {

    private final double scale;

    /** The service loader's instance, scale 1. */
    public ScaledSquaredError() {
        this(1.0);
    }

    ScaledSquaredError(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        this.scale = scale;
    }

    @Override
    public String name() {
        return "test_scaled_squared_error";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("scale", scale);
    }

    @Override
    public Loss withConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("test_scaled_squared_error config", config).checkKeys("scale");
        return new ScaledSquaredError(c.getDouble("scale", 1.0, Double.MIN_VALUE, Double.MAX_VALUE));
    }

    @Override
    public float compute(Kernels kernels, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        double sum = 0;
        for (int i = 0; i < rows * cols; i++) {
            double e = y[yOff + i] - t[tOff + i];
            sum += scale * e * e / cols;
            if (grad != null) {
                grad[gOff + i] = (float) (2 * scale * e / ((double) rows * cols));
            }
        }
        return (float) sum;
    }
}
