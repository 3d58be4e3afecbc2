package dev.vectornn.bench.kernels;

import dev.vectornn.backend.Backends;
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
 * What fusion costs: one forward and one backward pass of a 784→512 ReLU layer at batch 128
 * ({@code fused}: {@code denseForward} + {@code denseBackward}) against the three matrix products
 * it contains, run as plain {@code gemm} calls ({@code products}: {@code x·W}, {@code xᵀ·dZ},
 * {@code dZ·Wᵀ}). The fused pair also adds the bias, applies the activation and its derivative
 * and sums the bias gradient; the target is to stay within 15 % of the products alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FusedDenseBenchmark {

    static final int BATCH = 128;
    static final int IN = 784;
    static final int OUT = 512;

    @Param({"scalar", "simd"})
    public String backend;

    /** {@code vectornn.threads} for the SIMD backend (set before it is first touched; one JVM per combination). */
    @Param({"1"})
    public int threads;

    private Kernels kernels;
    private DenseLayerBuffers b;

    @Setup
    public void setUp() {
        System.setProperty("vectornn.threads", Integer.toString(threads));
        kernels = Backends.named(backend).kernels();
        b = new DenseLayerBuffers(BATCH, IN, OUT);
    }

    @Benchmark
    public float[] fused() {
        kernels.denseForward(BATCH, IN, OUT, b.x, 0, IN, b.w, 0, b.bias, 0, Activation.RELU, b.y, 0, OUT);
        System.arraycopy(b.upstream, 0, b.dy, 0, b.dy.length);
        kernels.denseBackward(BATCH, IN, OUT, b.x, 0, IN, b.w, 0, b.y, 0, OUT, Activation.RELU, b.dy, 0, OUT,
                b.dw, 0, b.db, 0, b.dx, 0, IN);
        return b.dx;
    }

    @Benchmark
    public float[] products() {
        kernels.gemm(false, false, BATCH, OUT, IN, 1f, b.x, 0, IN, b.w, 0, OUT, 0f, b.y, 0, OUT);
        System.arraycopy(b.upstream, 0, b.dy, 0, b.dy.length);
        kernels.gemm(true, false, IN, OUT, BATCH, 1f, b.x, 0, IN, b.dy, 0, OUT, 1f, b.dw, 0, OUT);
        kernels.gemm(false, true, BATCH, IN, OUT, 1f, b.dy, 0, OUT, b.w, 0, OUT, 0f, b.dx, 0, IN);
        return b.dx;
    }
}
