package dev.vectornn.bench.e2e;

import dev.vectornn.backend.Backends;
import dev.vectornn.bench.DigitsRows;
import dev.vectornn.bench.Jvm;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
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
 * One epoch of the digits network ({@link DigitsProgram}: 64→256→256→10, Adam, batch 64) over
 * scikit-learn's digits training rows, through {@code fit} after JIT warm-up; samples per second
 * are the training rows divided by the time per epoch. The data file comes from
 * {@code -Dvectornn.bench.digits} (bench/report writes it). The model keeps training from one
 * operation to the next.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DigitsTrainingBenchmark {

    @Param({"scalar", "simd"})
    public String backend;

    private Sequential model;
    private DigitsRows data;
    private final FitOptions oneEpoch = FitOptions.epochs(1).batchSize(DigitsProgram.BATCH).verbose(0);

    @Setup
    public void setUp() {
        data = DigitsRows.load();
        model = DigitsProgram.model(Backends.named(backend));
    }

    @Benchmark
    public History epoch() {
        return model.fit(data.trainX(), data.trainY(), oneEpoch);
    }
}
