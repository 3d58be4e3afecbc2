package dev.vectornn.losses;

import java.util.List;

/**
 * Keras' {@code poisson}: {@code mean(y − t · log(y + ε))} per sample with {@code ε = 1e-7}, the
 * negative log-likelihood of counts {@code t} under rates {@code y} (up to a constant). The
 * outputs must be positive rates, for example from a {@code softplus} or {@code exponential} layer.
 */
public final class Poisson extends ElementwiseLoss {
    static final double EPSILON = 1e-7;

    @Override
    public String name() {
        return "poisson";
    }

    @Override
    double value(double y, double t) {
        return y - t * Math.log(y + EPSILON);
    }

    @Override
    double slope(double y, double t) {
        return 1.0 - t / (y + EPSILON);
    }
}
