package dev.vectornn.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectornn.backend.Backends;
import dev.vectornn.backend.scalar.contract.KernelsContract;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * The vector optimizer additions ({@link OptimizerUpdates}: Nadam, Adamax, Lion, weight decay,
 * clipping) against the scalar reference. They follow it operation by operation, so the
 * element-wise rules must agree bit for bit, on sizes below and above the vector threshold and
 * with vector tails; the squared norm only within its reordered sum. And they allocate nothing.
 */
class OptimizerUpdatesTest {

    private static final Kernels SIMD = Backends.named("simd").kernels();
    private static final Kernels REFERENCE = Backends.named("scalar").kernels();
    private static final int[] SIZES = {0, 1, 7, 31, 1000, 1299, 1300, 1301, 4099, 10_007};

    @Test
    void elementWiseRulesAreBitIdenticalToTheReference() {
        Random r = new Random(8);
        for (int n : SIZES) {
            for (int rule = 0; rule < KernelsContract.OPTIMIZER_ADDITION_RULES; rule++) {
                int off = r.nextInt(3);
                float[] g = Data.uniform(r, n + off + 2);
                float[] w = Data.uniform(r, n + off + 2);
                float[] m = Data.uniform(r, n + off + 2);
                float[] v = Data.uniform(r, n + off + 2, 0f, 1f);
                float[] wR = w.clone();
                float[] mR = m.clone();
                float[] vR = v.clone();
                float[] gR = g.clone();
                KernelsContract.optimizerAddition(SIMD, rule, n, off, w, g, m, v);
                KernelsContract.optimizerAddition(REFERENCE, rule, n, off, wR, gR, mR, vR);
                String what = "rule " + rule + " n=" + n;
                assertArrayEquals(wR, w, what + " w");
                assertArrayEquals(mR, m, what + " m");
                assertArrayEquals(vR, v, what + " v");
                assertArrayEquals(gR, g, what + " g");
            }
        }
    }

    @Test
    void squaredNormIsTheReferenceSumReordered() {
        Random r = new Random(9);
        for (int n : SIZES) {
            float[] x = Data.uniform(r, n + 3);
            double expected = REFERENCE.squaredNorm(n, x, 2);
            // float lane sums of at most n/L terms of at most 1 each: within 2n·2^-24 of the double sum.
            assertEquals(expected, SIMD.squaredNorm(n, x, 2), 2.0 * (n + 8) * 0x1p-24 * Math.max(1, expected), "n=" + n);
        }
    }

    @Test
    void optimizerAdditionsDoNotAllocateInSteadyState() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random r = new Random(5);
        int n = 4_000; // above the small-size threshold (1,300 by default), so the vector loops run
        float[] w = Data.uniform(r, n);
        float[] g = Data.uniform(r, n);
        float[] m = new float[n];
        float[] v = new float[n];
        Runnable round = () -> {
            for (int rule = 0; rule < KernelsContract.OPTIMIZER_ADDITION_RULES; rule++) {
                KernelsContract.optimizerAddition(SIMD, rule, n, 0, w, g, m, v);
            }
            SIMD.squaredNorm(n, g, 0);
        };
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 60 && allocated > 4096; window++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) {
                round.run();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(allocated <= 4096, "100 rounds still allocated " + allocated + " bytes after 6,000 rounds of warm-up");
    }
}
