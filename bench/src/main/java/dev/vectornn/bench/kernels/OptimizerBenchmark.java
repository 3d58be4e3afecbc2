package dev.vectornn.bench.kernels;

import dev.vectornn.backend.Backends;
import dev.vectornn.bench.BenchData;
import dev.vectornn.bench.Jvm;
import dev.vectornn.spi.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One optimizer update of {@code parameters} weights (1 M by default), with Keras' default
 * hyper-parameters. Memory-bound; the report gives GB/s from the bytes each rule must move:
 * SGD 12 per parameter (read w and g, write w), SGD with momentum, RMSprop and Adagrad 20
 * (plus one slot read and written), Adam 28 (two slots). Issue 14's additions: Nadam and Adamax
 * 28, Lion 20, AdamW 36 (Adam after a weight-decay pass over w), and global-norm clipping 12 (a
 * norm pass over g, then a scaling pass).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerBenchmark {

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"sgd", "sgd_momentum", "adam", "rmsprop", "adagrad", "adamw", "nadam", "adamax", "lion", "global_clipnorm"})
    public String optimizer;

    /** Named apart from {@code GemmBenchmark.n}, since one {@code -p n=...} applies to every benchmark of a run. */
    @Param({"1048576"})
    public int parameters;

    private static final List<String> KNOWN = List.of("sgd", "sgd_momentum", "adam", "rmsprop", "adagrad",
            "adamw", "nadam", "adamax", "lion", "global_clipnorm");

    private Kernels kernels;
    private float[] initialW;
    private float[] w;
    private float[] g;
    private float[] slot1;
    private float[] slot2;
    private long step;

    @Setup
    public void setUp() {
        kernels = Backends.named(backend).kernels();
        if (!KNOWN.contains(optimizer)) {
            throw new IllegalArgumentException("Unknown optimizer '" + optimizer + "'; expected one of " + KNOWN);
        }
        initialW = BenchData.uniform(parameters, 1);
        w = new float[parameters];
        g = BenchData.uniform(parameters, 2, -0.01f, 0.01f);
        slot1 = new float[parameters];
        slot2 = new float[parameters];
    }

    /**
     * Fresh weights and slots each iteration, so no iteration runs on drifted numbers. Copies
     * rather than allocates: {@code -prof gc} counts what setup allocates too.
     */
    @Setup(Level.Iteration)
    public void resetState() {
        System.arraycopy(initialW, 0, w, 0, parameters);
        Arrays.fill(slot1, optimizer.equals("adagrad") ? 0.1f : 0f);
        Arrays.fill(slot2, 0f);
        step = 0;
    }

    @Benchmark
    public float[] update() {
        switch (optimizer) {
            case "sgd" -> kernels.sgdUpdate(parameters, w, 0, g, 0, null, 0, 0.01f, 0f, false);
            case "sgd_momentum" -> kernels.sgdUpdate(parameters, w, 0, g, 0, slot1, 0, 0.01f, 0.9f, false);
            case "adam" -> kernels.adamUpdate(parameters, w, 0, g, 0, slot1, 0, slot2, 0, 0.001f, 0.9f, 0.999f, 1e-7f, ++step);
            case "rmsprop" -> kernels.rmspropUpdate(parameters, w, 0, g, 0, slot1, 0, 0.001f, 0.9f, 1e-7f);
            case "adagrad" -> kernels.adagradUpdate(parameters, w, 0, g, 0, slot1, 0, 0.001f, 1e-7f);
            // issue 14 item 5: the factors Nadam and Adamax receive are those of an early step
            case "adamw" -> {
                kernels.decayWeights(parameters, w, 0, 0.004f * 0.001f);
                kernels.adamUpdate(parameters, w, 0, g, 0, slot1, 0, slot2, 0, 0.001f, 0.9f, 0.999f, 1e-7f, ++step);
            }
            case "nadam" -> kernels.nadamUpdate(parameters, w, 0, g, 0, slot1, 0, slot2, 0, 0.001f, 0.9f, 0.999f, 1e-7f,
                    0.93f, 0.06f, 0.003f);
            case "adamax" -> kernels.adamaxUpdate(parameters, w, 0, g, 0, slot1, 0, slot2, 0, 0.001f, 0.9f, 0.999f, 1e-7f, 0.271f);
            case "lion" -> kernels.lionUpdate(parameters, w, 0, g, 0, slot1, 0, 0.0001f, 0.9f, 0.99f);
            case "global_clipnorm" -> {
                double norm = Math.sqrt(kernels.squaredNorm(parameters, g, 0));
                kernels.scaleInPlace(parameters, g, 0, (float) (norm / norm)); // a bound equal to the norm: g keeps its values
            }
            default -> throw new IllegalStateException(optimizer);
        }
        return w;
    }
}
