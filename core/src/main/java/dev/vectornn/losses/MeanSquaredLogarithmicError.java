package dev.vectornn.losses;

import java.util.List;

/**
 * Keras' {@code mean_squared_logarithmic_error}:
 * {@code mean((log(max(y, ε) + 1) − log(max(t, ε) + 1))²)} per sample with {@code ε = 1e-7}.
 * Below {@code ε} the output is clamped, so its gradient there is 0.
 */
public final class MeanSquaredLogarithmicError extends ElementwiseLoss {
    static final double EPSILON = 1e-7;

    @Override
    public String name() {
        return "mean_squared_logarithmic_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("msle");
    }

    @Override
    double value(double y, double t) {
        double d = Math.log1p(Math.max(y, EPSILON)) - Math.log1p(Math.max(t, EPSILON));
        return d * d;
    }

    @Override
    double slope(double y, double t) {
        if (y <= EPSILON) {
            return 0;
        }
        double d = Math.log1p(y) - Math.log1p(Math.max(t, EPSILON));
        return 2.0 * d / (1.0 + y);
    }
}
