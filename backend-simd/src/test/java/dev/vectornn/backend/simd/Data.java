package dev.vectornn.backend.simd;

import java.util.Random;

/** Random test data: arrays with guard regions, so writes outside a kernel's range are caught. */
final class Data {

    private Data() {
    }

    /** {@code n} values uniform in [-1, 1). */
    static float[] uniform(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    /** {@code n} values uniform in [lo, hi). */
    static float[] uniform(Random r, int n, float lo, float hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + r.nextFloat() * (hi - lo);
        }
        return x;
    }

    /** A leading dimension strictly wider than {@code cols}, as the tests require. */
    static int leadingDimension(Random r, int cols) {
        return cols + 1 + r.nextInt(4);
    }

    /** An offset of 0 to 5 elements. */
    static int offset(Random r) {
        return r.nextInt(6);
    }

    /** Storage for a {@code rows × ld} matrix at {@code off}, plus a guard row's worth after it. */
    static float[] matrix(Random r, int off, int rows, int ld) {
        return uniform(r, off + rows * ld + 3);
    }

    /** Describes a position in a result for an assertion message. */
    static String at(String what, int row, int col) {
        return what + "[" + row + "," + col + "]";
    }
}
