package dev.vectornn.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker threads of {@link GemmPool}: every product shared (parallelFlops 0), on the spinning
 * hand-off and, after idle gaps longer than the spin, on the parked one; a failing part; several
 * callers at once. A deadlock or a lost wake-up shows as the timeout.
 */
@Timeout(120)
class GemmPoolTest {

    private static SimdSettings settings(int threads) {
        SimdSettings d = SimdSettings.fromSystemProperties();
        return new SimdSettings(d.bits(), d.mc(), d.kc(), d.nc(), 0, d.smallElements(), 0, threads);
    }

    private static final GemmDriver ONE = new GemmDriver(settings(1));

    /** One random product: shape, transposes, operands and the C it starts from. */
    private record Product(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float[] c) {

        static Product random(Random r) {
            int m = 2 + r.nextInt(120);
            int n = 2 + r.nextInt(120);
            int k = 1 + r.nextInt(90);
            return new Product(r.nextBoolean(), r.nextBoolean(), m, n, k,
                    Data.uniform(r, m * k), Data.uniform(r, k * n), Data.uniform(r, m * n));
        }

        float[] on(GemmDriver d) {
            float[] out = c.clone();
            d.multiply(ta, tb, m, n, k, 0.75f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5f, out, 0, n,
                    null, 0, MicroKernel.ACT_NONE);
            return out;
        }

        @Override
        public String toString() {
            return m + "x" + n + "x" + k + " transA=" + ta + " transB=" + tb;
        }
    }

    @Test
    void manyProductsInARowMatchOneThread() throws InterruptedException {
        GemmDriver two = new GemmDriver(settings(2));
        Random r = new Random(1);
        for (int i = 0; i < 300; i++) {
            Product p = Product.random(r);
            assertArrayEquals(p.on(ONE), p.on(two), "product " + i + ", " + p);
            if (i % 50 == 49) {
                // Longer than GemmPool.SPIN_NANOS: the worker parks and the next product wakes it.
                Thread.sleep(2);
            }
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("vectornn-simd-")) {
                assertTrue(t.isDaemon(), t.getName() + " must not keep the JVM alive");
            }
        }
    }

    @Test
    void aFailingPartIsRethrownAndTheNextProductWorks() {
        GemmDriver two = new GemmDriver(settings(2));
        Random r = new Random(2);
        // 96 rows over 2 threads split by rows at 48 (a multiple of every tile height): C one
        // element short fails only in the worker's part, rows 48 to 95.
        int m = 96;
        int n = 40;
        int k = 16;
        float[] a = Data.uniform(r, m * k);
        float[] b = Data.uniform(r, k * n);
        for (int round = 0; round < 3; round++) {
            float[] shortC = new float[m * n - 1];
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () ->
                    two.multiply(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, shortC, 0, n,
                            null, 0, MicroKernel.ACT_NONE));
            assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("GemmPool$Worker")),
                    "the failure should be the worker's, rethrown: " + Arrays.toString(e.getStackTrace()));
            Product p = new Product(false, false, m, n, k, a, b, Data.uniform(r, m * n));
            assertArrayEquals(p.on(ONE), p.on(two), "the product after a failure, round " + round);
        }
    }

    @Test
    void concurrentCallersAllGetCorrectResults() throws Exception {
        GemmDriver shared = new GemmDriver(settings(2));
        int callers = 3;
        int rounds = 150;
        Product[][] products = new Product[callers][rounds];
        float[][][] expected = new float[callers][rounds][];
        Random r = new Random(3);
        for (int c = 0; c < callers; c++) {
            for (int i = 0; i < rounds; i++) {
                products[c][i] = Product.random(r);
                expected[c][i] = products[c][i].on(ONE);
            }
        }
        CyclicBarrier start = new CyclicBarrier(callers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            int caller = c;
            threads[c] = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        float[] got = products[caller][i].on(shared);
                        assertArrayEquals(expected[caller][i], got, "caller " + caller + ", product " + i);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "caller-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        for (Thread t : threads) {
            assertFalse(t.isAlive());
        }
    }
}
