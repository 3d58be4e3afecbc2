package dev.vectornn.backend.simd;

/**
 * How far the SIMD kernels may be from the scalar reference, and why.
 *
 * <p>A float sum of {@code k} terms computed in any order (sequentially, in vector lanes, in
 * blocks, with or without fused multiply-add) is within {@code γ_k · S} of the exact sum, where
 * {@code S} is the sum of the terms' magnitudes and {@code γ_k ≈ k·u}, {@code u = 2^-24} (Higham,
 * <i>Accuracy and Stability of Numerical Algorithms</i>, §4.2). Both backends obey that bound, so
 * they differ by at most {@code 2 γ_k S}; the few extra operations around a sum (alpha, beta,
 * bias, the activation's own rounding) add a handful of ulps, covered by using {@code k + 8}.
 * The bound scales with the reduction length and with cancellation ({@code S} large, result
 * small), which is what a fixed relative tolerance gets wrong.
 */
final class Tolerance {

    /** Unit roundoff of float. */
    static final double U = 0x1p-24;
    /** Results below this are compared absolutely: denormals may flush differently in vector math. */
    static final double TINY = 1e-30;

    private Tolerance() {
    }

    /** The allowed difference for a sum of {@code k} terms whose magnitudes add up to {@code s}. */
    static double sum(int k, double s) {
        return 2 * (k + 8) * U * s + TINY;
    }

    /**
     * The allowed difference for an element-wise result computed with the same formula but with
     * vector {@code exp}, {@code log}, {@code tanh} (about 1 ulp) instead of the scalar ones
     * (correctly rounded through double): a few ulps of the result.
     */
    static double elementwise(double reference) {
        return 8 * U * Math.abs(reference) + TINY;
    }
}
