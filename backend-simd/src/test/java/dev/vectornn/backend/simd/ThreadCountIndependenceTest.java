package dev.vectornn.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * Results must not depend on the number of threads: the same products computed with one and with
 * two threads (every product shared, however small) are identical to the bit.
 */
class ThreadCountIndependenceTest {

    private static Kernels kernels(int threads) {
        SimdSettings d = SimdSettings.fromSystemProperties();
        return new SimdKernels(new SimdSettings(d.bits(), d.mc(), d.kc(), d.nc(), 0, d.smallElements(), 0, threads));
    }

    private static final Kernels ONE = kernels(1);
    private static final Kernels TWO = kernels(2);
    private static final Kernels THREE = kernels(3);

    @Test
    void largeProductsAreBitwiseIdentical() {
        // Split by rows (m large), by columns (m small, n large), odd sizes, all transposes.
        int[][] shapes = {{515, 517, 300}, {5, 1031, 260}, {1, 700, 33}, {300, 257, 129}};
        int seed = 0;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                Random r = new Random(seed++);
                int m = s[0];
                int n = s[1];
                int k = s[2];
                float[] a = Data.uniform(r, m * k);
                float[] b = Data.uniform(r, k * n);
                float[] c = Data.uniform(r, m * n);
                float[] c1 = c.clone();
                float[] c2 = c.clone();
                float[] c3 = c.clone();
                ONE.gemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.25f, c1, 0, n);
                TWO.gemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.25f, c2, 0, n);
                THREE.gemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.25f, c3, 0, n);
                String shape = m + "x" + n + "x" + k + " transA=" + ta + " transB=" + tb;
                assertArrayEquals(c1, c2, "1 vs 2 threads, " + shape);
                assertArrayEquals(c1, c3, "1 vs 3 threads, " + shape);
            }
        }
    }

    @Test
    void denseLayersAreBitwiseIdentical() {
        Random r = new Random(99);
        int batch = 128;
        int in = 784;
        int out = 130;
        float[] x = Data.uniform(r, batch * in);
        float[] w = Data.uniform(r, in * out);
        float[] bias = Data.uniform(r, out);
        for (Activation act : Activation.builtins()) {
            float[] y1 = new float[batch * out];
            float[] y2 = new float[batch * out];
            ONE.denseForward(batch, in, out, x, 0, in, w, 0, bias, 0, act, y1, 0, out);
            TWO.denseForward(batch, in, out, x, 0, in, w, 0, bias, 0, act, y2, 0, out);
            assertArrayEquals(y1, y2, "forward " + act);
            float[] dy = Data.uniform(r, batch * out);
            float[] dy1 = dy.clone();
            float[] dy2 = dy.clone();
            float[] dw1 = new float[in * out];
            float[] dw2 = new float[in * out];
            float[] db1 = new float[out];
            float[] db2 = new float[out];
            float[] dx1 = new float[batch * in];
            float[] dx2 = new float[batch * in];
            ONE.denseBackward(batch, in, out, x, 0, in, w, 0, y1, 0, out, act, dy1, 0, out, dw1, 0, db1, 0, dx1, 0, in);
            TWO.denseBackward(batch, in, out, x, 0, in, w, 0, y1, 0, out, act, dy2, 0, out, dw2, 0, db2, 0, dx2, 0, in);
            assertArrayEquals(dw1, dw2, "dW " + act);
            assertArrayEquals(db1, db2, "db " + act);
            assertArrayEquals(dx1, dx2, "dX " + act);
        }
    }
}
