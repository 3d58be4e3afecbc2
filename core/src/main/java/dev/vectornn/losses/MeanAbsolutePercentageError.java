package dev.vectornn.losses;

import java.util.List;

/**
 * Keras' {@code mean_absolute_percentage_error}: {@code 100 · mean(|t − y| / max(|t|, ε))} per
 * sample with {@code ε = 1e-7}, so that a zero target gives a large but finite loss.
 */
public final class MeanAbsolutePercentageError extends ElementwiseLoss {
    static final double EPSILON = 1e-7;

    @Override
    public String name() {
        return "mean_absolute_percentage_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("mape");
    }

    @Override
    double value(double y, double t) {
        return 100.0 * Math.abs(t - y) / Math.max(Math.abs(t), EPSILON);
    }

    @Override
    double slope(double y, double t) {
        return 100.0 * Math.signum(y - t) / Math.max(Math.abs(t), EPSILON);
    }
}
