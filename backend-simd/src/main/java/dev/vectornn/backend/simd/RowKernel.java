package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products with one row of C (a single sample through a dense layer): C's row is built
 * as {@code Σ_p alpha·A[i][p] · B[p][:]}, four vectors of columns at a time, straight from B.
 * Packing would copy all of B to use it once, and a register tile of {@code MR} rows would
 * mostly multiply zero padding, so for such shapes these direct loops are faster: with B as
 * stored, C's row is built from B's rows; with B transposed, each element is a dot product.
 */
final class RowKernel {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;
    private static final boolean FMA = Lanes.FMA;

    private RowKernel() {
    }

    /** {@code C = act(alpha · op(A) · B + beta · C + bias)} for the {@code m} rows of C. */
    static void multiply(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                         float[] bias, int biasOff, Activation act) {
        int wide = n - n % (4 * L);
        int single = F.loopBound(n);
        int aStep = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            int ai = aOff + (transA ? i : i * lda);
            int j = 0;
            for (; j < wide; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(F);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int p = 0, at = ai, bj = bOff + j; p < k; p++, at += aStep, bj += ldb) {
                    FloatVector x = FloatVector.broadcast(F, alpha * a[at]);
                    FloatVector b0 = FloatVector.fromArray(F, b, bj);
                    FloatVector b1 = FloatVector.fromArray(F, b, bj + L);
                    FloatVector b2 = FloatVector.fromArray(F, b, bj + 2 * L);
                    FloatVector b3 = FloatVector.fromArray(F, b, bj + 3 * L);
                    s0 = FMA ? x.fma(b0, s0) : x.mul(b0).add(s0);
                    s1 = FMA ? x.fma(b1, s1) : x.mul(b1).add(s1);
                    s2 = FMA ? x.fma(b2, s2) : x.mul(b2).add(s2);
                    s3 = FMA ? x.fma(b3, s3) : x.mul(b3).add(s3);
                }
                int cj = ci + j;
                if (beta != 0f) {
                    s0 = FloatVector.fromArray(F, c, cj).mul(beta).add(s0);
                    s1 = FloatVector.fromArray(F, c, cj + L).mul(beta).add(s1);
                    s2 = FloatVector.fromArray(F, c, cj + 2 * L).mul(beta).add(s2);
                    s3 = FloatVector.fromArray(F, c, cj + 3 * L).mul(beta).add(s3);
                }
                s0.intoArray(c, cj);
                s1.intoArray(c, cj + L);
                s2.intoArray(c, cj + 2 * L);
                s3.intoArray(c, cj + 3 * L);
            }
            for (; j < single; j += L) {
                FloatVector s0 = FloatVector.zero(F);
                for (int p = 0, at = ai, bj = bOff + j; p < k; p++, at += aStep, bj += ldb) {
                    FloatVector x = FloatVector.broadcast(F, alpha * a[at]);
                    FloatVector b0 = FloatVector.fromArray(F, b, bj);
                    s0 = FMA ? x.fma(b0, s0) : x.mul(b0).add(s0);
                }
                if (beta != 0f) {
                    s0 = FloatVector.fromArray(F, c, ci + j).mul(beta).add(s0);
                }
                s0.intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                float s = 0f;
                for (int p = 0, at = ai, bj = bOff + j; p < k; p++, at += aStep, bj += ldb) {
                    s += alpha * a[at] * b[bj];
                }
                c[ci + j] = beta == 0f ? s : beta * c[ci + j] + s;
            }
            finishRow(c, ci, n, bias, biasOff, act);
        }
    }

    /**
     * {@code C = act(alpha · A · Bᵀ + beta · C + bias)} for one row of C with A's row contiguous
     * (not transposed) and B transposed: every element is a dot product of A's row with a stored
     * row of B, four rows of B at a time so that each vector of A is loaded once for four.
     */
    static void multiplyTransposedB(int n, int k, float alpha, float[] a, int aOff,
                                    float[] b, int bOff, int ldb, float beta, float[] c, int cOff,
                                    float[] bias, int biasOff, Activation act) {
        int bound = F.loopBound(k);
        float[] tmp = GemmDriver.scratch().math;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int r0 = bOff + j * ldb;
            int r1 = r0 + ldb;
            int r2 = r1 + ldb;
            int r3 = r2 + ldb;
            FloatVector s0 = FloatVector.zero(F);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            int p = 0;
            for (; p < bound; p += L) {
                FloatVector x = FloatVector.fromArray(F, a, aOff + p);
                FloatVector b0 = FloatVector.fromArray(F, b, r0 + p);
                FloatVector b1 = FloatVector.fromArray(F, b, r1 + p);
                FloatVector b2 = FloatVector.fromArray(F, b, r2 + p);
                FloatVector b3 = FloatVector.fromArray(F, b, r3 + p);
                s0 = FMA ? x.fma(b0, s0) : x.mul(b0).add(s0);
                s1 = FMA ? x.fma(b1, s1) : x.mul(b1).add(s1);
                s2 = FMA ? x.fma(b2, s2) : x.mul(b2).add(s2);
                s3 = FMA ? x.fma(b3, s3) : x.mul(b3).add(s3);
            }
            s0.intoArray(tmp, 0);
            float d0 = VectorMath.sum(tmp, 0);
            s1.intoArray(tmp, 0);
            float d1 = VectorMath.sum(tmp, 0);
            s2.intoArray(tmp, 0);
            float d2 = VectorMath.sum(tmp, 0);
            s3.intoArray(tmp, 0);
            float d3 = VectorMath.sum(tmp, 0);
            for (; p < k; p++) {
                float x = a[aOff + p];
                d0 += x * b[r0 + p];
                d1 += x * b[r1 + p];
                d2 += x * b[r2 + p];
                d3 += x * b[r3 + p];
            }
            int cj = cOff + j;
            c[cj] = alpha * d0 + (beta == 0f ? 0f : beta * c[cj]);
            c[cj + 1] = alpha * d1 + (beta == 0f ? 0f : beta * c[cj + 1]);
            c[cj + 2] = alpha * d2 + (beta == 0f ? 0f : beta * c[cj + 2]);
            c[cj + 3] = alpha * d3 + (beta == 0f ? 0f : beta * c[cj + 3]);
        }
        for (; j < n; j++) {
            int r0 = bOff + j * ldb;
            FloatVector s0 = FloatVector.zero(F);
            int p = 0;
            for (; p < bound; p += L) {
                FloatVector x = FloatVector.fromArray(F, a, aOff + p);
                FloatVector b0 = FloatVector.fromArray(F, b, r0 + p);
                s0 = FMA ? x.fma(b0, s0) : x.mul(b0).add(s0);
            }
            s0.intoArray(tmp, 0);
            float d0 = VectorMath.sum(tmp, 0);
            for (; p < k; p++) {
                d0 += a[aOff + p] * b[r0 + p];
            }
            int cj = cOff + j;
            c[cj] = alpha * d0 + (beta == 0f ? 0f : beta * c[cj]);
        }
        finishRow(c, cOff, n, bias, biasOff, act);
    }

    /** Adds the bias and applies the activation to a row just computed (still in L1). */
    private static void finishRow(float[] c, int ci, int n, float[] bias, int biasOff, Activation act) {
        if (bias != null) {
            VectorOps.addInto(c, ci, bias, biasOff, n);
        }
        if (act != MicroKernel.ACT_NONE) {
            Epilogue.row(c, ci, n, act, GemmDriver.scratch().math);
        }
    }
}
