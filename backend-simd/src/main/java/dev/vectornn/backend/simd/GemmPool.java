package dev.vectornn.backend.simd;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads that compute the parts of a split product: {@code threads − 1} daemon threads
 * named {@code vectornn-simd-N}, each with one slot that the calling thread publishes a part into.
 *
 * <p>Why not a {@code ForkJoinPool}: handing a task to a parked pool worker cost about 60 µs
 * (wake-up and scheduling), more than a 192×192×192 product takes on one thread, so only products
 * of 2^24 multiply-adds and up gained from a split (issue #17). Here a worker that finishes a part
 * spins for {@link #SPIN_NANOS} on its slot before it parks, so back-to-back products (a training
 * step) find it awake, and the hand-off is a volatile write and read; the caller unparks a worker
 * only when the worker says it is parked, so the common case makes no system call.
 *
 * <p>One caller at a time: a thread takes the pool with {@link #tryAcquire()} for the whole of a
 * product and gives it back when its parts are done. A second thread that multiplies meanwhile
 * finds it taken and computes its product inline, on its own, which is correct and simple (the
 * machine's cores are busy anyway). The same check keeps a product started inside a part (never
 * happens today) from waiting on its own pool: the pool is taken, so it runs inline.
 */
final class GemmPool {

    /**
     * How long an idle thread (a worker waiting for its next part, the caller waiting for the
     * others) spins before it parks: long enough to cover the gaps between the products of a
     * training step (element-wise kernels, the next layer), which are tens of µs, and about the
     * cost of one wake-up from park; short enough that idle workers stop burning a core almost at
     * once. Bounded by {@code System.nanoTime}, so nothing ever spins for long.
     */
    static final long SPIN_NANOS = 100_000;

    private final Worker[] workers;
    private final AtomicBoolean taken = new AtomicBoolean();

    /** Starts {@code size} workers, which park until they get a part. */
    GemmPool(int size) {
        workers = new Worker[size];
        for (int w = 0; w < size; w++) {
            workers[w] = new Worker("vectornn-simd-" + (w + 1));
            workers[w].start();
        }
    }

    /** Takes the pool for this thread's product; false when another product has it. */
    boolean tryAcquire() {
        return !taken.get() && taken.compareAndSet(false, true);
    }

    /** Gives the pool back, once every part handed out has finished. */
    void release() {
        taken.set(false);
    }

    /** Hands {@code part} to worker {@code w} ({@code 0 ≤ w < size}); the pool must be taken. */
    void hand(int w, GemmCall.Part part) {
        Worker worker = workers[w];
        // The volatile write publishes the call's fields, written before, to the worker. Dekker
        // style with the worker's (parked = true; read slot): both are volatile, so either the
        // worker sees the part and does not park, or this thread sees it parked and wakes it.
        worker.slot = part;
        if (worker.parked) {
            LockSupport.unpark(worker);
        }
    }

    /**
     * Waits, spinning then parking, until {@code g}'s handed-out parts have all finished; the
     * last one to finish unparks this thread if it parked ({@link GemmCall.Part#run}).
     */
    static void await(GemmCall g) {
        long start = System.nanoTime();
        while (g.pending.get() != 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                g.waiterParked = true;
                // Parking allocates nothing (a blocking ForkJoinTask.join would).
                while (g.pending.get() != 0) {
                    LockSupport.park(g);
                }
                g.waiterParked = false;
            }
        }
    }

    /** One worker thread and its slot. */
    private static final class Worker extends Thread {

        /** The part to compute next, null when there is none; cleared by the worker. */
        volatile GemmCall.Part slot;
        /** True while the worker parks (or is about to): a caller must then unpark it. */
        volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                GemmCall.Part part = slot;
                if (part != null) {
                    // Cleared before the part counts itself done, so the caller's next part,
                    // handed out only after that, is never overwritten.
                    slot = null;
                    part.run();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (slot == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    // An interrupt would make every later park return at once: nobody should
                    // interrupt these threads, but they must not spin because someone did.
                    Thread.interrupted();
                }
            }
        }
    }
}
