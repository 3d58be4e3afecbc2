package dev.vectornn.io;

import dev.vectornn.losses.Loss;
import dev.vectornn.spi.ConfigMap;
import dev.vectornn.spi.Kernels;

import java.util.Map;

/**
 * A "third-party" loss that exists only in the tests, registered as {@code "test_huber"} through
 * {@code META-INF/services}: Huber's loss with a configurable {@code delta}, to show that a loss's
 * settings survive save and load.
 */
public class HuberLoss implements Loss {

    private final double delta;

    /** The service loader's instance: Keras' default delta of 1. */
    public HuberLoss() {
        this(1.0);
    }

    HuberLoss(double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("Huber delta must be positive and finite, got " + delta);
        }
        this.delta = delta;
    }

    double delta() {
        return delta;
    }

    @Override
    public String name() {
        return "test_huber";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("delta", delta);
    }

    @Override
    public Loss withConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("Huber config", config).checkKeys("delta");
        return new HuberLoss(c.getDouble("delta", 1.0, Double.MIN_VALUE, Double.MAX_VALUE));
    }

    @Override
    public float compute(Kernels kernels, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double rowLoss = 0;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                double e = y[yOff + i] - t[tOff + i];
                double a = Math.abs(e);
                rowLoss += a <= delta ? 0.5 * e * e : delta * (a - 0.5 * delta);
                if (grad != null) {
                    grad[gOff + i] = (float) ((a <= delta ? e : delta * Math.signum(e)) / ((double) rows * cols));
                }
            }
            sum += rowLoss / cols;
        }
        return (float) sum;
    }
}
