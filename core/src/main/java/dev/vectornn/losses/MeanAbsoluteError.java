package dev.vectornn.losses;

import java.util.List;

/**
 * Mean absolute error, Keras' {@code mean_absolute_error}: {@code mean(|y − t|)} per sample. Its
 * gradient is {@code sign(y − t)}, taken as 0 where the output equals its target.
 */
public final class MeanAbsoluteError extends ElementwiseLoss {
    @Override
    public String name() {
        return "mean_absolute_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("mae");
    }

    @Override
    double value(double y, double t) {
        return Math.abs(y - t);
    }

    @Override
    double slope(double y, double t) {
        return Math.signum(y - t);
    }
}
