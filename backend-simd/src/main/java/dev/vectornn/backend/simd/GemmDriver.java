package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;

/**
 * Runs matrix products: fills the caller's reusable {@link GemmCall}, decides whether the product
 * is big enough to share with the worker threads ({@link GemmPool}), splits C into rectangles along whole tiles and
 * waits for them. The split is by rows or by columns of C, whichever repeats less packing;
 * never along the reduction, so the result is the same whatever the number of threads.
 */
final class GemmDriver {

    private static final ThreadLocal<PackedGemm.Scratch> SCRATCH = ThreadLocal.withInitial(PackedGemm.Scratch::new);

    /** Products with at most this many rows of C skip packing: see {@link RowKernel}. */
    static final int ROW_KERNEL_MAX_ROWS = 1;

    private final SimdSettings settings;
    private final ThreadLocal<GemmCall> calls;
    private volatile GemmPool pool;

    GemmDriver(SimdSettings settings) {
        this.settings = settings;
        this.calls = ThreadLocal.withInitial(() -> new GemmCall(settings));
    }

    static PackedGemm.Scratch scratch() {
        return SCRATCH.get();
    }

    /**
     * {@code C = act(alpha · op(A) · op(B) + beta · C + bias)}; {@code act} is
     * {@link MicroKernel#ACT_NONE} or an element-wise built-in ({@link Epilogue}), {@code bias} may be null. Sizes are all positive here except
     * possibly {@code k}.
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
                  float[] c, int cOff, int ldc, float[] bias, int biasOff, Activation act) {
        if (k == 0 || alpha == 0f) {
            scaleOnly(m, n, beta, c, cOff, ldc, bias, biasOff, act);
            return;
        }
        if (m <= ROW_KERNEL_MAX_ROWS && !transB) {
            RowKernel.multiply(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, bias, biasOff, act);
            return;
        }
        if (m == 1 && transB && !transA) {
            RowKernel.multiplyTransposedB(n, k, alpha, a, aOff, b, bOff, ldb, beta, c, cOff, bias, biasOff, act);
            return;
        }
        GemmCall g = calls.get();
        g.transA = transA;
        g.transB = transB;
        g.m = m;
        g.n = n;
        g.k = k;
        g.alpha = alpha;
        g.a = a;
        g.aOff = aOff;
        g.lda = lda;
        g.b = b;
        g.bOff = bOff;
        g.ldb = ldb;
        g.beta = beta;
        g.c = c;
        g.cOff = cOff;
        g.ldc = ldc;
        g.bias = bias;
        g.biasOff = biasOff;
        g.act = act;
        try {
            int threads = settings.threads();
            long flops = (long) m * n * k;
            GemmPool p = threads > 1 && flops >= settings.parallelFlops() ? pool() : null;
            // The pool serves one product at a time: another thread's concurrent product, or one
            // started inside a part, finds it taken and runs inline (see GemmPool).
            if (p == null || !p.tryAcquire()) {
                PackedGemm.compute(g, 0, m, 0, n, scratch());
            } else {
                try {
                    runParallel(g, threads, p);
                } finally {
                    p.release();
                }
            }
        } finally {
            g.release();
        }
    }

    private static void runParallel(GemmCall g, int threads, GemmPool p) {
        int m = g.m;
        int n = g.n;
        int parts;
        // Each part packs the whole of the operand it shares: splitting by rows repeats the packing
        // of B (k × n) in every part, splitting by columns repeats that of A (k × m). Repeat the
        // smaller one, as long as every part still gets a couple of tiles.
        boolean rowsSplitWell = m >= threads * MicroKernel.MR * 2;
        boolean columnsSplitWell = n >= threads * MicroKernel.NR * 2;
        boolean byRows = rowsSplitWell && (m >= n || !columnsSplitWell);
        if (byRows) {
            int chunk = PackedGemm.roundUp((m + threads - 1) / threads, MicroKernel.MR);
            parts = 0;
            for (int i = 0; i < m; i += chunk) {
                g.parts[parts++].set(i, Math.min(m, i + chunk), 0, n);
            }
        } else {
            int chunk = PackedGemm.roundUp((n + threads - 1) / threads, MicroKernel.NR);
            parts = 0;
            for (int j = 0; j < n; j += chunk) {
                g.parts[parts++].set(0, m, j, Math.min(n, j + chunk));
            }
        }
        g.failure = null;
        g.waiter = Thread.currentThread();
        g.pending.set(parts - 1);
        // Part t goes to worker t − 1; this thread computes part 0 meanwhile.
        for (int t = 1; t < parts; t++) {
            p.hand(t - 1, g.parts[t]);
        }
        GemmCall.Part mine = g.parts[0];
        try {
            PackedGemm.compute(g, mine.i0, mine.i1, mine.j0, mine.j1, scratch());
        } finally {
            // Even if this thread's part failed (bad arguments), wait for the others: the call
            // object and its parts, and the pool, are reused by the next product.
            GemmPool.await(g);
            g.waiter = null;
        }
        Throwable failed = g.failure;
        if (failed != null) {
            g.failure = null;
            if (failed instanceof RuntimeException e) {
                throw e; // a part's failure, as if this thread had computed it
            }
            if (failed instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("a part of a matrix product failed", failed);
        }
    }

    /** The worker threads, started on the first product that is split. */
    private GemmPool pool() {
        GemmPool p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = new GemmPool(settings.threads() - 1);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** {@code C = act(beta · C + bias)}: the product is empty ({@code k = 0}) or scaled away. */
    private static void scaleOnly(int m, int n, float beta, float[] c, int cOff, int ldc,
                                  float[] bias, int biasOff, Activation act) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                float v = beta == 0f ? 0f : beta == 1f ? c[ci + j] : beta * c[ci + j];
                if (bias != null) {
                    v += bias[biasOff + j];
                }
                c[ci + j] = v;
            }
            act.forward(1, n, c, ci, c, ci);
        }
    }
}
