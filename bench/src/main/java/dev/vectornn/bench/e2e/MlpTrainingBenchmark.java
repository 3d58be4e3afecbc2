package dev.vectornn.bench.e2e;

import dev.vectornn.backend.Backends;
import dev.vectornn.bench.BenchData;
import dev.vectornn.bench.Jvm;
import dev.vectornn.data.OneHot;
import dev.vectornn.layers.Dense;
import dev.vectornn.losses.CategoricalCrossentropy;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One training step of an MNIST-sized network through the public model API: 784→512 ReLU→512
 * ReLU→10 softmax, categorical cross-entropy, Adam (lr 0.001), batch 128, i.e.
 * {@code Sequential.trainOnBatch} on a 128-row batch of synthetic pixels in {@code [0, 1)} and random classes. The
 * matrix products alone are {@code 2 · 128 · (2 · (784·512 + 512·512 + 512·10) + 512·512 + 512·10)}
 * ≈ 0.41 GFLOP per step (forward and weight gradients of three layers, input gradients of the last
 * two); the report gives GFLOP/s from that count and samples per second. The model keeps
 * training on the same batch from one operation to the next; only timing matters here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlpTrainingBenchmark {

    static final int BATCH = 128;
    static final long SEED = 7;

    @Param({"scalar", "simd"})
    public String backend;

    private Sequential model;
    private float[][] x;
    private float[][] y;

    @Setup
    public void setUp() {
        float[] pixels = BenchData.uniform(BATCH * 784, 11, 0f, 1f);
        x = new float[BATCH][784];
        for (int r = 0; r < BATCH; r++) {
            System.arraycopy(pixels, r * 784, x[r], 0, 784);
        }
        SplittableRandom random = new SplittableRandom(12);
        int[] labels = new int[BATCH];
        for (int r = 0; r < BATCH; r++) {
            labels[r] = random.nextInt(10);
        }
        y = OneHot.toCategorical(labels, 10);
        model = new Sequential();
        model.add(new Dense(512, "relu").inputDim(784));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        model.backend(Backends.named(backend));
        model.seed(SEED);
        model.compile(new CategoricalCrossentropy(), new Adam(0.001), "accuracy");
    }

    @Benchmark
    public double step() {
        return model.trainOnBatch(x, y);
    }
}
