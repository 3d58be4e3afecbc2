package dev.vectornn.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.vectornn.backend.Backends;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import java.util.Random;

/** {@code gemm} of the SIMD backend against the scalar reference: every transpose, alpha and beta. */
class GemmEquivalenceTest {

    private static final Kernels SIMD = Backends.named("simd").kernels();
    private static final Kernels REFERENCE = Backends.named("scalar").kernels();

    /** One product to compare; {@code flags}: bit 0 transA, bit 1 transB, bits 2-3 beta kind, bit 4 alpha kind. */
    record Case(int m, int n, int k, int flags, long seed) {
        boolean transA() {
            return (flags & 1) != 0;
        }

        boolean transB() {
            return (flags & 2) != 0;
        }

        /** 0 (C is NaN and must be ignored), 1, or 0.75. */
        float beta() {
            return switch ((flags >> 2) & 3) {
                case 0, 3 -> 0f;
                case 1 -> 1f;
                default -> 0.75f;
            };
        }

        float alpha() {
            return (flags & 16) != 0 ? 1f : -1.5f;
        }
    }

    @Test
    void runsAtTheRequestedVectorWidth() {
        String bits = System.getProperty("vectornn.simd.bits");
        String description = Backends.named("simd").describe();
        assertTrue(bits == null || description.contains(bits + "-bit vectors"),
                "requested " + bits + " bits, got: " + description);
    }

    @Test
    void agreesWithTheReferenceOnRandomShapes() {
        qt().withExamples(250).withFixedSeed(42)
                .forAll(Shapes.size(), Shapes.size(), Shapes.size(), Generate.range(0, 31).zip(Shapes.seed(),
                        (f, s) -> new long[] {f, s}))
                .checkAssert((m, n, k, fs) -> compare(new Case(m, n, k, (int) fs[0], fs[1])));
    }

    @Test
    void agreesWithTheReferenceOnLargeShapesInEveryTransposeCase() {
        for (int transposes = 0; transposes < 4; transposes++) {
            compare(new Case(300, 257, 129, transposes, transposes));              // beta 0 over NaN, alpha -1.5
            compare(new Case(300, 257, 129, transposes | 8 | 16, transposes));    // beta 0.75, alpha 1
        }
        compare(new Case(67, 1031, 300, 5, 7));
        compare(new Case(1031, 9, 520, 2, 8));
    }

    static void compare(Case c) {
        Random r = new Random(c.seed());
        int m = c.m();
        int n = c.n();
        int k = c.k();
        boolean ta = c.transA();
        boolean tb = c.transB();
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int lda = Data.leadingDimension(r, aCols);
        int ldb = Data.leadingDimension(r, bCols);
        int ldc = Data.leadingDimension(r, n);
        int aOff = Data.offset(r);
        int bOff = Data.offset(r);
        int cOff = Data.offset(r);
        float[] a = Data.matrix(r, aOff, aRows, lda);
        float[] b = Data.matrix(r, bOff, bRows, ldb);
        float[] c0 = Data.matrix(r, cOff, m, ldc);
        float beta = c.beta();
        float alpha = c.alpha();
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c0[cOff + i * ldc + j] = Float.NaN;
                }
            }
        }
        float[] simd = c0.clone();
        float[] reference = c0.clone();
        SIMD.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, simd, cOff, ldc);
        REFERENCE.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, reference, cOff, ldc);
        String shape = c + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
        for (int idx = 0; idx < c0.length; idx++) {
            int rel = idx - cOff;
            int i = Math.floorDiv(rel, ldc);
            int j = Math.floorMod(rel, ldc);
            if (rel < 0 || i >= m || j >= n) {
                assertEquals(Float.floatToRawIntBits(c0[idx]), Float.floatToRawIntBits(simd[idx]),
                        "element " + idx + " outside C was written, " + shape);
                continue;
            }
            double s = beta == 0f ? 0 : Math.abs(beta * (double) c0[idx]);
            for (int p = 0; p < k; p++) {
                double av = a[aOff + (ta ? p * lda + i : i * lda + p)];
                double bv = b[bOff + (tb ? j * ldb + p : p * ldb + j)];
                s += Math.abs(alpha * av * bv);
            }
            double diff = Math.abs((double) simd[idx] - reference[idx]);
            double tol = Tolerance.sum(k, s);
            assertTrue(diff <= tol, Data.at("C", i, j) + ": simd " + simd[idx] + " vs scalar " + reference[idx]
                    + " differ by " + diff + " > " + tol + ", " + shape);
        }
    }
}
