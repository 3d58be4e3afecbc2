package dev.vectornn.bench.kernels;

import dev.vectornn.backend.Backends;
import dev.vectornn.bench.BenchData;
import dev.vectornn.bench.Jvm;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
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

import java.util.concurrent.TimeUnit;

/**
 * Every activation forward ({@code y = act(x)}) and backward ({@code dx = act'(y) ⊙ dy}) on a
 * {@code rows × cols} block; softmax works per row. Memory-bound: the report gives GB/s, counting
 * 8 bytes per element forward (read x, write y) and 12 backward (read y and dy, write dx).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActivationBenchmark {

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"linear", "relu", "sigmoid", "tanh", "softmax"})
    public String activation;

    /** {@code rows x cols}: a batch of 128 rows of a 512-wide hidden layer by default. */
    @Param({"128x512"})
    public String shape;

    private Kernels kernels;
    private Activation act;
    private int rows;
    private int cols;
    private float[] x;
    private float[] y;
    private float[] dy;
    private float[] dx;

    @Setup
    public void setUp() {
        kernels = Backends.named(backend).kernels();
        act = Activation.byName(activation);
        int[] d = BenchData.shape(shape, 2);
        rows = d[0];
        cols = d[1];
        x = BenchData.uniform(rows * cols, 1, -4f, 4f);
        y = new float[rows * cols];
        kernels.activationForward(act, rows, cols, x, 0, y, 0);
        dy = BenchData.uniform(rows * cols, 2);
        dx = new float[rows * cols];
    }

    @Benchmark
    public float[] forward() {
        kernels.activationForward(act, rows, cols, x, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] backward() {
        kernels.activationBackward(act, rows, cols, y, 0, dy, 0, dx, 0);
        return dx;
    }
}
