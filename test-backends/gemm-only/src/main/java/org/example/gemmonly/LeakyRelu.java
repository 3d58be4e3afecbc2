package org.example.gemmonly;

import dev.vectornn.spi.Activation;

import java.util.Map;

/**
 * An activation written outside the project: {@code y = z > 0 ? z : alpha·z}, with a configurable
 * slope (Keras' {@code LeakyReLU(negative_slope)}, default 0.3). Its derivative comes from the
 * output alone, as the sign of {@code y} is the sign of {@code z} for a positive slope.
 * Registered in {@code META-INF/services/dev.vectornn.spi.Activation}.
 */
public final class LeakyRelu implements Activation {

    private final float alpha;

    /** The default slope, 0.3, as Keras'; the instance {@code ServiceLoader} creates. */
    public LeakyRelu() {
        this(0.3f);
    }

    /** A leaky ReLU with this negative slope (must be positive). */
    public LeakyRelu(float alpha) {
        if (!(alpha > 0f) || Float.isInfinite(alpha)) {
            throw new IllegalArgumentException("leaky_relu: alpha must be a positive number, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public String name() {
        // Not "leaky_relu": that name is vectornn's built-in (issue #14), which would win.
        return "outside_leaky_relu";
    }

    @Override
    public void forward(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            float z = x[xOff + i];
            y[yOff + i] = z > 0f ? z : alpha * z;
        }
    }

    @Override
    public void backward(int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                         float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            dx[dxOff + i] = y[yOff + i] > 0f ? dy[dyOff + i] : alpha * dy[dyOff + i];
        }
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("alpha", (double) alpha);
    }

    @Override
    public Activation configure(Map<String, Object> config) {
        for (String key : config.keySet()) {
            if (!key.equals("alpha")) {
                throw new IllegalArgumentException("leaky_relu: unknown setting '" + key + "' (known: alpha)");
            }
        }
        Object a = config.getOrDefault("alpha", 0.3);
        if (!(a instanceof Number n)) {
            throw new IllegalArgumentException("leaky_relu: alpha must be a number, got " + a);
        }
        return new LeakyRelu(n.floatValue());
    }

    @Override
    public String toString() {
        return name() + "(alpha=" + alpha + ")";
    }
}
