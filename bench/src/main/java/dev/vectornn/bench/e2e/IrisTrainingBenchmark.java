package dev.vectornn.bench.e2e;

import dev.vectornn.backend.Backends;
import dev.vectornn.bench.IrisRows;
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
 * The lecture's iris program through the public model API, after JIT warm-up.
 *
 * <ul>
 *   <li>{@code epoch}: one whole epoch, {@code fit(x, y, epochs 1, batch size 1)} on the 150 rows,
 *       i.e. 150 training steps plus what {@code fit} does once per call (flattening the data,
 *       buffers, shuffling, history). Divide by 150 for the cost of a step in a long run.</li>
 *   <li>{@code step}: one training step of batch size 1 through {@code Sequential.trainOnBatch}
 *       (Keras' {@code train_on_batch}): forward, loss, backward, SGD update.</li>
 *   <li>{@code fitOneRow}: {@code fit} on a one-row data set: one step plus the whole per-call
 *       cost of {@code fit} (flattening, buffers, history).</li>
 * </ul>
 * The model keeps training from one operation to the next (the iris program is stable at
 * SGD's learning rate of 0.01); re-initialising it would allocate, and {@code -prof gc} would
 * charge that to {@code fit}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IrisTrainingBenchmark {

    @Param({"scalar", "simd"})
    public String backend;

    private Sequential model;
    private float[][] x;
    private float[][] y;
    private float[][] oneX;
    private float[][] oneY;
    private final FitOptions oneEpoch = FitOptions.epochs(1).batchSize(1).verbose(0);

    @Setup
    public void setUp() {
        IrisRows iris = IrisRows.load();
        x = iris.x();
        y = iris.y();
        oneX = new float[][]{x[0]};
        oneY = new float[][]{y[0]};
        model = IrisProgram.model(Backends.named(backend));
    }

    @Benchmark
    public History epoch() {
        return model.fit(x, y, oneEpoch);
    }

    @Benchmark
    public double step() {
        return model.trainOnBatch(oneX, oneY);
    }

    @Benchmark
    public History fitOneRow() {
        return model.fit(oneX, oneY, oneEpoch);
    }
}
