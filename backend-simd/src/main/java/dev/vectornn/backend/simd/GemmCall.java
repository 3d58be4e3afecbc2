package dev.vectornn.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The arguments of one matrix product, held in a reusable per-thread object (so a call allocates
 * nothing), together with the reusable parts that {@link GemmPool}'s workers compute.
 *
 * <p>Written by the calling thread before the parts are handed out and only read while they run;
 * the happens-before edges are the volatile write of a part into a worker's slot (and the worker's
 * read of it), and each part's decrement of {@link #pending} (and the caller's read of zero).
 */
final class GemmCall {

    boolean transA;
    boolean transB;
    int m;
    int n;
    int k;
    float alpha;
    float[] a;
    int aOff;
    int lda;
    float[] b;
    int bOff;
    int ldb;
    float beta;
    float[] c;
    int cOff;
    int ldc;
    float[] bias;
    int biasOff;
    dev.vectornn.spi.Activation act;

    final int mc;
    final int kc;
    final int nc;
    final Part[] parts;
    /**
     * Parts handed to the workers and not yet finished. The calling thread waits for zero by
     * spinning, then parking, woken by the last part ({@link GemmPool#await}): nothing that
     * allocates ({@code ForkJoinTask.join} allocated a wait node each time it blocked, which the
     * kit's allocation round caught with products split over threads).
     */
    final AtomicInteger pending = new AtomicInteger();
    /** The thread that waits for {@link #pending} to reach zero. */
    volatile Thread waiter;
    /** True while {@link #waiter} parks (or is about to): the last part must then unpark it. */
    volatile boolean waiterParked;
    /** A failure of a handed-out part, rethrown by the caller; null when all went well. */
    volatile Throwable failure;

    GemmCall(SimdSettings settings) {
        // Blocks are whole tiles, so that a tile never straddles two blocks.
        KernelShape.Blocks blocks = KernelShape.blocks(settings, KernelShape.CPU);
        this.mc = PackedGemm.roundUp(blocks.mc(), MicroKernel.MR);
        this.kc = blocks.kc();
        this.nc = PackedGemm.roundUp(blocks.nc(), MicroKernel.NR);
        this.parts = new Part[settings.threads()];
        for (int t = 0; t < parts.length; t++) {
            parts[t] = new Part(this);
        }
    }

    /** Drops the references to the caller's arrays once the call is over. */
    void release() {
        a = null;
        b = null;
        c = null;
        bias = null;
    }

    /** One rectangle of C, computed by whichever thread runs it. */
    static final class Part {

        private final GemmCall call;
        int i0;
        int i1;
        int j0;
        int j1;

        Part(GemmCall call) {
            this.call = call;
        }

        void set(int i0, int i1, int j0, int j1) {
            this.i0 = i0;
            this.i1 = i1;
            this.j0 = j0;
            this.j1 = j1;
        }

        /** Computes the rectangle on a worker: never throws, a failure goes to the caller. */
        void run() {
            try {
                PackedGemm.compute(call, i0, i1, j0, j1, GemmDriver.scratch());
            } catch (Throwable e) {
                call.failure = e;
            } finally {
                // Decrement, then read the flag; the waiter sets the flag, then reads pending
                // (both volatile): one of the two sees the other, so a wake-up is never lost.
                if (call.pending.decrementAndGet() == 0 && call.waiterParked) {
                    LockSupport.unpark(call.waiter);
                }
            }
        }
    }
}
