package dev.vectornn.it;

import com.sun.management.ThreadMXBean;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.Callback;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A training step allocates nothing: a callback reads the thread's allocation counter after batch
 * 10 and after batch 140 of an epoch, and the 130 steps in between (gather, forward, loss,
 * backward, update, the progress callback, the probe itself) must not have allocated a byte, at
 * every verbosity. JMH's {@code -prof gc}
 * measures the same in bench/.
 */
class TrainingAllocationTest {

    /** Reads the counter without allocating: primitive fields only. */
    static final class AllocationProbe implements Callback {
        private final ThreadMXBean mx = counter();
        long atBatch10;
        long atBatch140;
        /** Epochs in which both readings were taken: without them the window would be 0 − 0 = 0, a pass. */
        int windows;

        @Override
        public void onBatchEnd(Sequential model, int epoch, int batch, int rows, double loss) {
            if (batch == 10) {
                atBatch10 = mx.getCurrentThreadAllocatedBytes();
            } else if (batch == 140) {
                atBatch140 = mx.getCurrentThreadAllocatedBytes();
                windows++;
            }
        }
    }

    /**
     * HotSpot's counter, which must be on: a disabled one reads -1 every time, and the difference of
     * two readings would then be 0, a vacuous pass.
     */
    static ThreadMXBean counter() {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        return mx;
    }

    @ParameterizedTest(name = "verbose={0}")
    @ValueSource(ints = {0, 1, 2})
    void stepsInSteadyStateAllocateNothing(int verbose) {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(16, "relu").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.compile("mean_squared_error", "sgd", "accuracy");
        AllocationProbe probe = new AllocationProbe();
        // Progress goes to a stream, as in a log file: one line per epoch, drawn after the probe's window.
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        long best = Long.MAX_VALUE;
        // Several epochs: the first ones run in the interpreter, where escape analysis cannot help.
        for (int round = 0; round < 20; round++) {
            model.fit(Iris.X, Iris.Y, FitOptions.epochs(1).batchSize(1).verbose(verbose).out(quiet).callbacks(probe));
            best = Math.min(best, probe.atBatch140 - probe.atBatch10);
        }
        // Issue #12 (a guard that passed vacuously): if fit never called the probe at batches 10
        // and 140, both readings stayed 0 and so did "best".
        assertEquals(20, probe.windows, "the probe read the counter at batches 10 and 140 of every epoch");
        assertTrue(probe.atBatch10 > 0, "the counter was read: " + probe.atBatch10);
        assertEquals(0, best, "bytes allocated by 130 training steps");
    }

    @Test
    void trainOnBatchAllocatesNothingOnceWarm() {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(16, "relu").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.compile("mean_squared_error", "sgd", "accuracy");
        float[][] x = {Iris.X[0], Iris.X[70]};
        float[][] y = {Iris.Y[0], Iris.Y[70]};
        ThreadMXBean mx = counter();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 50; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++) {
                model.trainOnBatch(x, y);
            }
            best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, best, "bytes allocated by 200 trainOnBatch calls");
    }
}
