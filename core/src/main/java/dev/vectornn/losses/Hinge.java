package dev.vectornn.losses;

/**
 * Keras' {@code hinge}: {@code mean(max(1 − t · y, 0))} per sample, for targets of −1 or 1. As in
 * Keras, a batch whose targets are all 0 or 1 is read as ±1 ({@code 2t − 1}). Plain
 * {@code "accuracy"} resolves to binary accuracy for it, as Keras resolves it.
 */
public final class Hinge extends ElementwiseLoss {
    @Override
    public String name() {
        return "hinge";
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
        return Math.max(1.0 - t * y, 0.0);
    }

    @Override
    double slope(double y, double t) {
        return 1.0 - t * y > 0 ? -t : 0.0;
    }
}
