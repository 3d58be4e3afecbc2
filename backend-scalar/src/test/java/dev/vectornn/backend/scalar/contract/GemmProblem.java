package dev.vectornn.backend.scalar.contract;

import java.util.SplittableRandom;

/**
 * A random {@code gemm} call of a given shape: transposes, alpha (often 1), beta (0, 1 or
 * other), leading dimensions up to two wider than needed, offsets up to 3, inputs in
 * {@code [-1, 1]}. With {@code beta = 0} the first element of C is NaN, which the product must
 * overwrite without reading.
 */
public record GemmProblem(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {

    /** A problem of shape {@code m × n × k} drawn from {@code seed}. */
    public static GemmProblem random(int m, int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean ta = r.nextBoolean();
        boolean tb = r.nextBoolean();
        float alpha = r.nextBoolean() ? 1f : (float) r.nextDouble(-1, 1);
        float beta = new float[] {0f, 1f, (float) r.nextDouble(-1, 1)}[r.nextInt(3)];
        int lda = (ta ? m : k) + r.nextInt(3);
        int ldb = (tb ? k : n) + r.nextInt(3);
        int ldc = n + r.nextInt(3);
        int aOff = r.nextInt(4);
        int bOff = r.nextInt(4);
        int cOff = r.nextInt(4);
        float[] a = Arrays2.uniform(r, aOff + lda * (ta ? k : m) + 2);
        float[] b = Arrays2.uniform(r, bOff + ldb * (tb ? n : k) + 2);
        float[] c = Arrays2.uniform(r, cOff + ldc * m + 2);
        if (beta == 0f && m > 0 && n > 0) {
            c[cOff] = Float.NaN;
        }
        return new GemmProblem(m, n, k, ta, tb, alpha, beta, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** {@code op(A)[i][p]}. */
    public float opA(int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    /** {@code op(B)[p][j]}. */
    public float opB(int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    @Override
    public String toString() {
        return "gemm m=" + m + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB + " alpha=" + alpha
                + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc + " offsets " + aOff + "/" + bOff
                + "/" + cOff;
    }
}
