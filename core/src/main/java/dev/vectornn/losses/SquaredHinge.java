package dev.vectornn.losses;

/**
 * Keras' {@code squared_hinge}: {@code mean(max(1 − t · y, 0)²)} per sample, for targets of −1 or
 * 1; a batch of 0/1 targets is read as ±1, and {@code "accuracy"} is binary, both as for
 * {@link Hinge}.
 */
public final class SquaredHinge extends ElementwiseLoss {
    @Override
    public String name() {
        return "squared_hinge";
    }

    @Override
    public AccuracyKind accuracyKind() {
        return AccuracyKind.BINARY;
    }

    @Override
    boolean signedTargets(int rows, int cols, float[] t, int tOff) {
        return allZeroOrOne(rows, cols, t, tOff);
    }

    @Override
    double value(double y, double t) {
        double m = Math.max(1.0 - t * y, 0.0);
        return m * m;
    }

    @Override
    double slope(double y, double t) {
        return -2.0 * t * Math.max(1.0 - t * y, 0.0);
    }
}
