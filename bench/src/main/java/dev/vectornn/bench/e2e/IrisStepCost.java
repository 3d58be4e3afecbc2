package dev.vectornn.bench.e2e;

import dev.vectornn.backend.Backends;
import dev.vectornn.bench.IrisRows;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Backend;

import java.util.Arrays;

/**
 * The cost of one step of the iris program as a user meets it, measured exactly as the
 * hand-written reference loop {@code IrisHandLoop.java} measures itself, so the two can be run side
 * by side ({@code bench/iris-step-vs-hand}): in a fresh JVM, a freshly compiled model trains for
 * 50 epochs at batch size 1 with {@code fit} (7,500 steps, verbose 0); the first run is reported on
 * its own, then 15 more runs, each from fresh weights, give the median cost of one step.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *      dev.vectornn.bench.e2e.IrisStepCost [scalar|simd]
 * </pre>
 */
public final class IrisStepCost {

    static final int EPOCHS = 50;
    static final int RUNS = 15;

    private IrisStepCost() {
    }

    public static void main(String[] args) {
        Backend backend = args.length > 0 ? Backends.named(args[0]) : Backends.current();
        IrisRows data = IrisRows.load();
        int steps = EPOCHS * data.x().length;
        FitOptions options = FitOptions.epochs(EPOCHS).batchSize(1).verbose(0);

        Sequential first = model(backend, 1);
        long t0 = System.nanoTime();
        first.fit(data.x(), data.y(), options);
        long cold = System.nanoTime() - t0;
        System.out.printf("%s: first 50 epochs in a fresh JVM: %.1f ms (%d steps); training accuracy %.4f%n",
                backend.name(), cold / 1e6, steps, first.evaluate(data.x(), data.y()).accuracy());

        double[] ns = new double[RUNS];
        for (int b = 0; b < RUNS; b++) {
            Sequential fresh = model(backend, 10 + b);
            long s = System.nanoTime();
            fresh.fit(data.x(), data.y(), options);
            ns[b] = (System.nanoTime() - s) / (double) steps;
        }
        Arrays.sort(ns);
        System.out.printf("%s: steady state: %.1f ns per step (median of %d fresh 50-epoch runs; min %.1f, max %.1f)%n",
                backend.name(), ns[RUNS / 2], RUNS, ns[0], ns[RUNS - 1]);
    }

    private static Sequential model(Backend backend, long seed) {
        Sequential model = IrisProgram.model(backend);
        model.seed(seed);
        return model;
    }
}
