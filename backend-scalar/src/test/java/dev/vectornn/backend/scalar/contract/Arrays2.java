package dev.vectornn.backend.scalar.contract;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random inputs and the element-by-element comparison the kit uses. */
final class Arrays2 {

    private Arrays2() {
    }

    /** {@code n} values uniform in {@code [lo, hi)}. */
    static float[] uniform(SplittableRandom r, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + r.nextDouble() * (hi - lo));
        }
        return a;
    }

    /** {@code n} values uniform in {@code [-1, 1)}. */
    static float[] uniform(SplittableRandom r, int n) {
        return uniform(r, n, -1, 1);
    }

    /** {@code rows} probability rows of {@code cols} (positive, summing to 1), padded to {@code n}. */
    static float[] probabilities(SplittableRandom r, int rows, int cols, int n) {
        float[] p = uniform(r, n, 0.01, 1);
        for (int i = 0; i < rows; i++) {
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += p[i * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                p[i * cols + j] /= sum;
            }
        }
        return p;
    }

    /**
     * Every element of {@code actual} within {@code tolerance} of {@code expected}; elements the
     * kernel must not touch (padding, gaps between rows) started equal, so they must still be
     * exactly equal. NaN matches only NaN.
     */
    static void close(String what, float[] expected, float[] actual, double tolerance, String shape) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean ok = Float.isNaN(e) ? Float.isNaN(a)
                    : e == a || Math.abs((double) a - e) <= tolerance * Math.max(1, Math.abs(e));
            int index = i;
            assertTrue(ok, () -> what + "[" + index + "]: backend " + a + ", reference " + e + " (tolerance "
                    + tolerance + " relative above 1), " + shape);
        }
    }

    /** A scalar result within {@code tolerance} of the reference's. */
    static void close(String what, float expected, float actual, double tolerance, String shape) {
        close(what, new float[] {expected}, new float[] {actual}, tolerance, shape);
    }
}
