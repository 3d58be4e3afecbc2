package dev.vectornn.losses;

import java.util.List;

/**
 * Keras' {@code log_cosh}: {@code mean(log(cosh(y − t)))} per sample, about {@code x²/2} for a
 * small error and {@code |x| − log 2} for a large one. Computed as
 * {@code |x| + log1p(e^(−2|x|)) − log 2}, which cannot overflow; the gradient is {@code tanh(y − t)}.
 */
public final class LogCosh extends ElementwiseLoss {
    private static final double LOG_2 = Math.log(2.0);

    @Override
    public String name() {
        return "log_cosh";
    }

    @Override
    public List<String> aliases() {
        return List.of("logcosh");
    }

    @Override
    double value(double y, double t) {
        double x = Math.abs(y - t);
        return x + Math.log1p(Math.exp(-2.0 * x)) - LOG_2;
    }

    @Override
    double slope(double y, double t) {
        return Math.tanh(y - t);
    }
}
