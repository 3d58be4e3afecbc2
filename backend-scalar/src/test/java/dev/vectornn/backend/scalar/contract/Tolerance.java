package dev.vectornn.backend.scalar.contract;

/**
 * How far a backend may be from the reference kernels, and why.
 *
 * <p>A float sum of {@code k} terms computed in any order (sequentially, in vector lanes, in
 * blocks, with or without fused multiply-add) is within {@code γ_k · S} of the exact sum, where
 * {@code S} is the sum of the terms' magnitudes and {@code γ_k ≈ k·u}, {@code u = 2^-24}
 * (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, §4.2). The reference and the
 * backend both obey it, so they differ by at most {@code 2 γ_k S}; the few operations around a
 * sum (alpha, beta, bias, an activation, a vector {@code exp}/{@code log}/{@code tanh} of about
 * one ulp) are covered by using {@code k + 8} and by {@code 16 u} of the result itself; results
 * are compared relative to {@code max(1, |reference|)}. The kit's
 * inputs lie in {@code [-1, 1]}, so {@code S} is bounded by the number of terms times the largest
 * factor, which each check states.
 */
public final class Tolerance {

    /** Unit roundoff of float. */
    public static final double U = 0x1p-24;

    private Tolerance() {
    }

    /**
     * The allowed difference, relative to {@code max(1, |reference|)}, for a result built from a
     * sum of {@code k} terms whose magnitudes add up to at most {@code s}.
     */
    public static double of(int k, double s) {
        return 2 * (k + 8) * U * s + 16 * U;
    }
}
