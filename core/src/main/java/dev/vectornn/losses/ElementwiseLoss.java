package dev.vectornn.losses;

import dev.vectornn.spi.Kernels;

/**
 * A loss that is, per sample, the mean over the outputs of a function of one output and its
 * target, as Keras' {@code mean_absolute_error}, {@code huber}, {@code poisson} ... are:
 * {@code loss(row) = (1/cols) Σ_j f(y_j, t_j)}. {@link #compute} returns the sum of that over the
 * rows and writes the gradient of the batch mean, {@code f'(y, t) / (cols · rows)}.
 *
 * <p>These losses are plain Java loops in double precision: they run once per batch on the output
 * layer only, far from the GEMM hot loop, and they allocate nothing.
 */
abstract class ElementwiseLoss implements Loss {

    /** {@code f(y, t)}, the loss of one output. */
    abstract double value(double y, double t);

    /** {@code ∂f/∂y} at {@code (y, t)}. */
    abstract double slope(double y, double t);

    /**
     * Whether this batch's targets are read as {@code 2t − 1}: Keras turns 0/1 hinge labels into
     * ±1 when every target of the batch is 0 or 1. False here; the hinge losses override it.
     */
    boolean signedTargets(int rows, int cols, float[] t, int tOff) {
        return false;
    }

    @Override
    public final float compute(Kernels kernels, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                               float[] grad, int gOff, boolean fused) {
        boolean signed = signedTargets(rows, cols, t, tOff);
        double scale = 1.0 / ((double) cols * rows);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double row = 0;
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                double yi = y[yOff + i];
                double ti = signed ? 2.0 * t[tOff + i] - 1.0 : t[tOff + i];
                row += value(yi, ti);
                if (grad != null) {
                    grad[gOff + i] = (float) (slope(yi, ti) * scale);
                }
            }
            total += row / cols;
        }
        return (float) total;
    }

    /** True if every target of the batch is exactly 0 or 1. */
    static boolean allZeroOrOne(int rows, int cols, float[] t, int tOff) {
        for (int i = 0; i < rows * cols; i++) {
            float v = t[tOff + i];
            if (v != 0f && v != 1f) {
                return false;
            }
        }
        return true;
    }
}
