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
 * The whole lecture program as a user runs it: a fresh JVM, then backend lookup, model build,
 * 50 epochs at batch size 1 (7,500 steps) and evaluate, all measured once per fork, so the time
 * includes class loading, the interpreter and JIT compilation. This is what a student waits for;
 * the Vector API is very slow until compiled, so a SIMD backend can lose here and win everywhere
 * else. Only reading the 150 rows happens before the clock starts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 10, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStartBenchmark {

    @Param({"scalar", "simd"})
    public String backend;

    private float[][] x;
    private float[][] y;

    @Setup
    public void setUp() {
        IrisRows iris = IrisRows.load();
        x = iris.x();
        y = iris.y();
    }

    /** Returns the final accuracy, so nothing can be optimised away. */
    @Benchmark
    public double irisFiftyEpochs() {
        Sequential model = IrisProgram.model(Backends.named(backend));
        model.fit(x, y, FitOptions.epochs(50).batchSize(1).verbose(0));
        return model.evaluate(x, y).get(1);
    }
}
