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

    /** The same window with class weights (each row's loss taken and its gradient scaled one by one) and sample weights. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"classWeight", "sampleWeight"})
    void weightedStepsAllocateNothing(String kind) {
        Sequential model = Iris.lectureModel(1);
        float[] weights = new float[Iris.X.length];
        java.util.Arrays.fill(weights, 0.5f);
        AllocationProbe probe = new AllocationProbe();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            FitOptions options = FitOptions.epochs(1).batchSize(1).verbose(0).callbacks(probe);
            model.fit(Iris.X, Iris.Y, kind.equals("classWeight") ? options.classWeight(java.util.Map.of(0, 1.0, 1, 2.0, 2, 0.5))
                    : options.sampleWeight(weights));
            best = Math.min(best, probe.atBatch140 - probe.atBatch10);
        }
        assertEquals(0, best, "bytes allocated by 130 weighted training steps");
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
    // ------------------------------------------------------------------ losses and metrics (issue #14)

    /**
     * The new losses (plain loops in core) and the stateful metrics (confusion counts, AUC
     * buckets, per-output sums, allocated once at the first batch) keep the step allocation-free,
     * with the progress line drawn at verbose=1.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"huber", "categorical_crossentropy from_logits", "kld"})
    void newLossesAndStatefulMetricsAllocateNothing(String lossName) {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(16, "relu").inputDim(4));
        boolean logits = lossName.endsWith("from_logits");
        model.add(new Dense(3, logits || lossName.equals("huber") ? "linear" : "softmax"));
        dev.vectornn.losses.Loss loss = logits ? new dev.vectornn.losses.CategoricalCrossentropy(true, 0.1)
                : dev.vectornn.losses.Losses.get(lossName);
        model.compile(loss, new dev.vectornn.optimizers.Sgd(0.01), "accuracy", "precision", "recall", "auc", "f1_score",
                "top_k_categorical_accuracy", "mae", "root_mean_squared_error", "r2_score");
        AllocationProbe probe = new AllocationProbe();
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            model.fit(Iris.X, Iris.Y, FitOptions.epochs(1).batchSize(1).verbose(1).out(quiet).callbacks(probe));
            best = Math.min(best, probe.atBatch140 - probe.atBatch10);
        }
        assertEquals(0, best, "bytes allocated by 130 training steps with " + lossName);
    }

    // ------------------------------------------------------------------ issue 14 item 5 (opt): clipping and schedules

    /**
     * With weight decay, a learning-rate schedule and each kind of gradient clipping on, a fit
     * step still allocates nothing: Nadam's momentum product, the schedule and the norms are
     * computed from primitives.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clipnorm", "global_clipnorm", "clipvalue"})
    void stepsWithClippingAndAScheduleAllocateNothing(String clipping) {
        java.util.List<dev.vectornn.optimizers.Optimizer> optimizers = java.util.List.of(
                new dev.vectornn.optimizers.AdamW(0.01).withConfig(java.util.Map.of(clipping, 0.5))
                        .withLearningRate(new dev.vectornn.optimizers.schedules.CosineDecay(0.0, 2000, 0.1, 0.01, 100)),
                new dev.vectornn.optimizers.Nadam(0.01).withConfig(java.util.Map.of(clipping, 0.5, "weight_decay", 0.01))
                        .withLearningRate(new dev.vectornn.optimizers.schedules.PiecewiseConstantDecay(
                                new long[] {500, 1000}, new double[] {0.01, 0.005, 0.001})));
        for (dev.vectornn.optimizers.Optimizer optimizer : optimizers) {
            Sequential model = new Sequential().seed(1);
            model.add(new Dense(16, "relu").inputDim(4));
            model.add(new Dense(3, "softmax"));
            model.compile("mean_squared_error", optimizer, "accuracy");
            AllocationProbe probe = new AllocationProbe();
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 20 && best != 0; round++) {
                model.fit(Iris.X, Iris.Y, FitOptions.epochs(1).batchSize(1).verbose(0).callbacks(probe));
                best = Math.min(best, probe.atBatch140 - probe.atBatch10);
            }
            assertEquals(0, best, "bytes allocated by 130 training steps with " + optimizer);
        }
    }
    // ------------------------------------------------------------------ issue #14: normalization, noise, regularizers

    /** Every issue #14 layer that trains, with regularizers and constraints; wide enough for the vector kernels. */
    private static Sequential normalizedModel(int width) {
        Sequential model = new Sequential().seed(1).input(4);
        model.add(new dev.vectornn.layers.Normalization().adapt(Iris.X));
        model.add(new Dense(width).kernelRegularizer("l2").biasRegularizer(dev.vectornn.layers.Regularizer.l1l2(0.01, 0.01))
                .kernelConstraint("max_norm"));
        model.add(new dev.vectornn.layers.BatchNormalization());
        model.add(new dev.vectornn.layers.ActivationLayer(dev.vectornn.spi.Activation.RELU));
        model.add(new dev.vectornn.layers.GaussianNoise(0.1));
        model.add(new Dense(32, "tanh").kernelRegularizer("l1").kernelConstraint("unit_norm").activityRegularizer("l1"));
        model.add(new dev.vectornn.layers.LayerNormalization());
        // An activity penalty on the output: cross-entropy then runs unfused, through the softmax Jacobian.
        model.add(new Dense(3, "softmax").kernelConstraint("non_neg").activityRegularizer("l2"));
        model.compile("categorical_crossentropy", "adam", "accuracy");
        return model;
    }

    @Test
    void stepsWithNormalizationNoiseAndRegularizersAllocateNothing() {
        Sequential model = normalizedModel(16);
        AllocationProbe probe = new AllocationProbe();
        long best = Long.MAX_VALUE;
        // One clean window proves it: stop there (the JIT needs a few epochs first).
        for (int round = 0; round < 20 && best != 0; round++) {
            model.fit(Iris.X, Iris.Y, FitOptions.epochs(1).batchSize(1).verbose(0).callbacks(probe));
            best = Math.min(best, probe.atBatch140 - probe.atBatch10);
        }
        assertEquals(0, best, "bytes allocated by 130 training steps with BatchNormalization and weight and activity regularizers");
    }

    @Test
    void largeBatchStepsWithNormalizationAllocateNothingOnceWarm() {
        // 20 rows × 64 features (1,280 elements): above the SIMD backend's small-shape threshold (1,024
        // elements, a whole vector of columns), so its batch-norm kernels run.
        Sequential model = normalizedModel(64);
        float[][] x = new float[20][];
        float[][] y = new float[20][];
        for (int i = 0; i < 20; i++) {
            x[i] = Iris.X[i * 7];
            y[i] = Iris.Y[i * 7];
        }
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        // Until C2 has compiled every kernel the step allocates (C1 runs the Vector API's Java fallback,
        // a float[] and a vector per operation), and in this JVM C2's queue is long: with the chunked
        // element-wise kernels (VectorOps.CHUNK) a run on a busy machine (load 13 on 2 cores) was clean
        // after 77 to 93 rounds. The first clean round ends the loop.
        for (int round = 0; round < 300 && best != 0; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20; i++) {
                model.trainOnBatch(x, y);
            }
            best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, best, "bytes allocated by 20 trainOnBatch calls of 20 rows with BatchNormalization");
    }
}
