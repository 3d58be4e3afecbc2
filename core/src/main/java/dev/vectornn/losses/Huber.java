package dev.vectornn.losses;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' {@code huber} loss with its {@code delta} (default 1.0): per output, {@code ½ x²} for an
 * error {@code |x| ≤ δ} and {@code δ(|x| − ½δ)} beyond, averaged over the outputs of a sample. The
 * gradient is the error clipped to {@code [−δ, δ]}.
 *
 * <pre>{@code
 * model.compile(new Huber(0.5), new Adam(0.01), "mae");
 * }</pre>
 */
public final class Huber extends ElementwiseLoss {
    private final double delta;

    /** Keras' default, {@code delta = 1.0}; the instance {@code ServiceLoader} creates. */
    public Huber() {
        this(1.0);
    }

    /**
     * @throws IllegalArgumentException if {@code delta} is not positive and finite
     */
    public Huber(double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("huber delta must be positive and finite, got " + delta);
        }
        this.delta = delta;
    }

    public double delta() {
        return delta;
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("delta", delta);
        return c;
    }

    @Override
    public Loss withConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("huber config", config).checkKeys("delta");
        return new Huber(c.getDouble("delta", 1.0, Double.MIN_VALUE, Double.MAX_VALUE));
    }

    @Override
    double value(double y, double t) {
        double a = Math.abs(y - t);
        double quadratic = Math.min(a, delta);
        return 0.5 * quadratic * quadratic + delta * (a - quadratic);
    }

    @Override
    double slope(double y, double t) {
        return Math.max(-delta, Math.min(delta, y - t));
    }

    @Override
    public String toString() {
        return "Huber(delta=" + delta + ")";
    }
}
