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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What each activation costs in a dense layer (issue #14): one forward and one backward pass of
 * 784→512 at batch 128, called the way {@code Dense} calls the kernels. An activation whose
 * derivative comes from its output goes into the fused {@code denseForward}/{@code denseBackward}
 * (the GEMM epilogue); GELU and SiLU, whose derivative needs the pre-activation, run the product
 * linear, keep a copy of it, then {@code activationForward} and {@code activationBackwardFromInput}.
 * Targets: leaky_relu and hard_sigmoid within 10 % of relu, gelu (both forms), silu and elu within 2×.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FusedActivationBenchmark {

    static final int BATCH = 128;
    static final int IN = 784;
    static final int OUT = 512;

    @Param({"simd", "scalar"})
    public String backend;

    /** A Keras name; {@code gelu_tanh} is {@code gelu} with {@code approximate = true}. */
    @Param({"relu", "leaky_relu", "hard_sigmoid", "elu", "gelu", "gelu_tanh", "silu"})
    public String activation;

    /** {@code vectornn.threads} for the SIMD backend (set before it is first touched; one JVM per combination). */
    @Param({"1"})
    public int threads;

    private Kernels kernels;
    private DenseLayerBuffers b;
    private Activation act;
    private boolean fromInput;
    private float[] z;

    @Setup
    public void setUp() {
        System.setProperty("vectornn.threads", Integer.toString(threads));
        kernels = Backends.named(backend).kernels();
        act = activation.equals("gelu_tanh")
                ? Activation.fromConfig(Map.of("name", "gelu", "config", Map.of("approximate", true)))
                : Activation.byName(activation);
        fromInput = !kernels.fusesActivation(act);
        b = new DenseLayerBuffers(BATCH, IN, OUT);
        z = new float[BATCH * OUT];
    }

    @Benchmark
    public float[] forwardBackward() {
        System.arraycopy(b.upstream, 0, b.dy, 0, b.dy.length);
        if (fromInput) {
            kernels.denseForward(BATCH, IN, OUT, b.x, 0, IN, b.w, 0, b.bias, 0, Activation.LINEAR, b.y, 0, OUT);
            System.arraycopy(b.y, 0, z, 0, b.y.length);
            kernels.activationForward(act, BATCH, OUT, b.y, 0, b.y, 0);
            kernels.activationBackwardFromInput(act, BATCH, OUT, z, 0, b.y, 0, b.dy, 0, b.dy, 0);
            kernels.denseBackward(BATCH, IN, OUT, b.x, 0, IN, b.w, 0, b.y, 0, OUT, Activation.LINEAR, b.dy, 0, OUT,
                    b.dw, 0, b.db, 0, b.dx, 0, IN);
        } else {
            kernels.denseForward(BATCH, IN, OUT, b.x, 0, IN, b.w, 0, b.bias, 0, act, b.y, 0, OUT);
            kernels.denseBackward(BATCH, IN, OUT, b.x, 0, IN, b.w, 0, b.y, 0, OUT, act, b.dy, 0, OUT,
                    b.dw, 0, b.db, 0, b.dx, 0, IN);
        }
        return b.dx;
    }
}
