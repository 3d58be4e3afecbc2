package dev.vectornn.losses;

/**
 * What {@code hinge} and {@code squared_hinge} share: targets of −1 or 1, where, as in Keras, a
 * batch whose targets are all 0 or 1 is read as ±1 ({@code 2t − 1}); and plain {@code "accuracy"}
 * resolving to binary accuracy, as Keras resolves it for these losses.
 */
abstract class HingeLoss extends ElementwiseLoss {
    @Override
    public final AccuracyKind accuracyKind() {
        return AccuracyKind.BINARY;
    }

    @Override
    final boolean signedTargets(int rows, int cols, float[] t, int tOff) {
        return allZeroOrOne(rows, cols, t, tOff);
    }

    /** {@code max(1 − t · y, 0)}. */
    static double margin(double y, double t) {
        return Math.max(1.0 - t * y, 0.0);
    }
}
