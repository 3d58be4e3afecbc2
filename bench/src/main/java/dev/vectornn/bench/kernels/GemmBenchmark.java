package dev.vectornn.bench.kernels;

import dev.vectornn.backend.Backends;
import dev.vectornn.bench.BenchData;
import dev.vectornn.bench.Jvm;
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
 * Square matrix multiply {@code C = op(A) · op(B)}, {@code n × n × n}, {@code 2n³} flops per
 * operation. {@code layout} says which operands are transposed: {@code NN} is the dense forward
 * pass ({@code x · W}), {@code TN} the weight gradient ({@code xᵀ · dZ}), {@code NT} the input
 * gradient ({@code dZ · Wᵀ}); {@code TT} completes the set.
 *
 * <p>This is the benchmark {@code bench/tune} sweeps with the SIMD backend's system properties.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"16", "64", "128", "256", "512", "1024"})
    public int n;

    @Param({"NN", "TN", "NT", "TT"})
    public String layout;

    /**
     * Threads the SIMD backend may use ({@code vectornn.threads}). JMH runs every parameter
     * combination in its own JVM, so setting the property before the backend is first touched
     * takes effect. 1 by default: the kernel's single-core speed; the report's "parallel" set
     * runs 2. The scalar backend is always single-threaded.
     */
    @Param({"1"})
    public int threads;

    private Kernels kernels;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        System.setProperty("vectornn.threads", Integer.toString(threads));
        kernels = Backends.named(backend).kernels();
        if (!layout.matches("[NT][NT]")) {
            throw new IllegalArgumentException("layout must be NN, TN, NT or TT, got '" + layout + "'");
        }
        transA = layout.charAt(0) == 'T';
        transB = layout.charAt(1) == 'T';
        a = BenchData.uniform(n * n, 1);
        b = BenchData.uniform(n * n, 2);
        c = new float[n * n];
    }

    @Benchmark
    public float[] gemm() {
        kernels.gemm(transA, transB, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
