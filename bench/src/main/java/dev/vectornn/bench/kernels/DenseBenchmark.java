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
 * The fused dense kernels at the shapes that matter: the iris network's two layers at batch 1
 * (the lecture trains with batch size 1) and at batch 150 (the whole data set, as evaluate sees
 * it), and a 784→512 ReLU layer at batch 128.
 *
 * <p>{@code layer} is {@code batch x in x out : activation}. Forward does {@code 2·batch·in·out}
 * multiply-add flops; backward {@code 4·batch·in·out} (the weight gradient and the input
 * gradient, which is always computed here, as for every layer but the first).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DenseBenchmark {

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"1x4x16:relu", "1x16x3:softmax", "150x4x16:relu", "150x16x3:softmax", "128x784x512:relu"})
    public String layer;

    private Kernels kernels;
    private int batch;
    private int in;
    private int out;
    private Activation act;
    private float[] x;
    private float[] w;
    private float[] bias;
    private float[] y;
    private float[] upstream;
    private float[] dy;
    private float[] dw;
    private float[] db;
    private float[] dx;

    @Setup
    public void setUp() {
        kernels = Backends.named(backend).kernels();
        String[] parts = layer.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("layer must be 'BATCHxINxOUT:activation', got '" + layer + "'");
        }
        int[] d = BenchData.shape(parts[0], 3);
        batch = d[0];
        in = d[1];
        out = d[2];
        act = Activation.byName(parts[1]);
        x = BenchData.uniform(batch * in, 1);
        w = BenchData.uniform(in * out, 2, -0.1f, 0.1f);
        bias = BenchData.uniform(out, 3, -0.1f, 0.1f);
        y = new float[batch * out];
        kernels.denseForward(batch, in, out, x, 0, in, w, 0, bias, 0, act, y, 0, out);
        upstream = BenchData.uniform(batch * out, 4);
        dy = new float[batch * out];
        dw = new float[in * out];
        db = new float[out];
        dx = new float[batch * in];
    }

    @Benchmark
    public float[] forward() {
        kernels.denseForward(batch, in, out, x, 0, in, w, 0, bias, 0, act, y, 0, out);
        return y;
    }

    /**
     * The kernel overwrites {@code dy} with the pre-activation gradient; applying the softmax
     * Jacobian to its own output again and again would shrink it into subnormal numbers, so each
     * call starts from the same upstream gradient (one copy of {@code batch·out} floats, small
     * next to the {@code 4·batch·in·out} flops).
     */
    @Benchmark
    public float[] backward() {
        System.arraycopy(upstream, 0, dy, 0, dy.length);
        kernels.denseBackward(batch, in, out, x, 0, in, w, 0, y, 0, out, act, dy, 0, out,
                dw, 0, db, 0, dx, 0, in);
        return dx;
    }
}
