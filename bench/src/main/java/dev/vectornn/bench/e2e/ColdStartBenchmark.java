package dev.vectornn.bench.e2e;

import dev.vectornn.backend.Backends;
import dev.vectornn.bench.IrisRows;
import dev.vectornn.bench.Jvm;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;
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
 * The lecture program in a fresh JVM, measured once per fork ({@code SingleShotTime}), so the time
 * includes class loading, the interpreter and JIT compilation: what a student waits for. The
 * Vector API is very slow until compiled, so a SIMD backend can lose here and win everywhere else.
 *
 * <ul>
 *   <li>{@code wholeProgram}: backend lookup (the SIMD backend's JVM checks included), model
 *       build, 50 epochs at batch size 1 (7,500 steps) and evaluate;</li>
 *   <li>{@code trainingOnly}: the 50 epochs of {@code fit} alone, on a model compiled before the
 *       clock starts: the "training time" the iris example prints.</li>
 * </ul>
 * Only reading the 150 rows (and, for {@code trainingOnly}, building the model) happens before
 * the clock starts.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 10, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStartBenchmark {

    /** The data and the backend's name. */
    @State(Scope.Benchmark)
    public static class Program {
        @Param({"scalar", "simd"})
        public String backend;

        float[][] x;
        float[][] y;

        @Setup
        public void setUp() {
            IrisRows iris = IrisRows.load();
            x = iris.x();
            y = iris.y();
        }
    }

    /** A model compiled before the clock starts, for {@code trainingOnly}. */
    @State(Scope.Benchmark)
    public static class Compiled {
        Sequential model;

        @Setup
        public void setUp(Program program) {
            model = IrisProgram.model(Backends.named(program.backend));
        }
    }

    /** Returns the final accuracy, so nothing can be optimised away. */
    @Benchmark
    public double wholeProgram(Program p) {
        Sequential model = IrisProgram.model(Backends.named(p.backend));
        model.fit(p.x, p.y, FitOptions.epochs(50).batchSize(1).verbose(0));
        return model.evaluate(p.x, p.y).get(1);
    }

    /** Returns the last epoch's loss, so nothing can be optimised away. */
    @Benchmark
    public double trainingOnly(Program p, Compiled c) {
        return c.model.fit(p.x, p.y, FitOptions.epochs(50).batchSize(1).verbose(0)).last("loss");
    }
}
