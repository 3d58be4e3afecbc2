package org.example.gemmonly;

import dev.vectornn.backend.scalar.ReferenceKernels;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Kernels that replace one method, {@link #gemm}, and inherit every other kernel from the
 * reference. The reference's dense kernels are built on {@code gemm}, so dense layers run this
 * product too. It computes each element of {@code C} as a dot product accumulated in
 * {@code double} (another rounding than the reference's float sums, which the conformance kit
 * allows), blocked over the rows of B so a row of C stays in cache.
 */
public class GemmOnlyKernels extends ReferenceKernels {

    /** How many products this kernel has computed; lets a test prove the override is used. */
    private final AtomicLong calls = new AtomicLong();

    /** Products computed so far. */
    public long calls() {
        return calls.get();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        calls.incrementAndGet();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += (double) aip * bpj;
                }
                int at = cOff + i * ldc + j;
                // beta == 0 must not read C (NaN there must not survive), as in BLAS.
                c[at] = (float) (alpha * sum + (beta == 0f ? 0.0 : (double) beta * c[at]));
            }
        }
    }
}
