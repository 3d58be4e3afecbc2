package dev.vectornn.bench.e2e;

import dev.vectornn.backend.Backends;
import dev.vectornn.bench.DigitsRows;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Backend;

/**
 * The digits network: 64→256 ReLU→256 ReLU→10 softmax, categorical cross-entropy, Adam (lr
 * 0.001), batch 64, 20 epochs, as the PyTorch peer in bench/peers/peers.py trains it. As a
 * program ({@code main}) it trains {@value #SEEDS} times in this JVM, with seeds 42, 43, …, and
 * prints {@code samples_per_s} (training rows × epochs / wall time of the first run's 20 epochs:
 * the first run of a fresh JVM), the mean {@code test_accuracy} over the seeds and their range;
 * {@link DigitsTrainingBenchmark} measures an epoch after warm-up.
 *
 * <p>Why several seeds: the test set has 360 rows, so one row is 0.0028 of accuracy, and two
 * seeds of the same framework differ by more than the ±0.01 the comparison with PyTorch allows.
 * Only the mean over seeds, which the peer reports the same way, says whether the two train
 * equally well.
 */
public final class DigitsProgram {

    static final long SEED = 42;
    static final int EPOCHS = 20;
    static final int BATCH = 64;
    /** How many seeds (42, 43, …) the program trains with; peers.py's digits peer uses as many. */
    static final int SEEDS = 5;

    private DigitsProgram() {
    }

    /** A compiled, freshly initialised model on {@code backend}. */
    static Sequential model(Backend backend) {
        return model(backend, SEED);
    }

    /** A compiled model on {@code backend}, initialised from {@code seed}. */
    static Sequential model(Backend backend, long seed) {
        Sequential model = new Sequential();
        model.add(new Dense(256, "relu").inputDim(64));
        model.add(new Dense(256, "relu"));
        model.add(new Dense(10, "softmax"));
        model.backend(backend);
        model.seed(seed);
        model.compile("categorical_crossentropy", "adam", "accuracy");
        return model;
    }

    /** The fraction of test rows whose predicted class is the label. */
    static double accuracy(Sequential model, DigitsRows data) {
        int[] predicted = model.predictClasses(data.testX());
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == data.testLabels()[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }

    /**
     * Trains once per seed and prints one line of {@code key=value} results.
     *
     * @param args optional backend name (default: the selected backend)
     */
    public static void main(String[] args) {
        DigitsRows data = DigitsRows.load();
        Backend backend = args.length > 0 ? Backends.named(args[0]) : Backends.current();
        double firstSeconds = 0;
        double sum = 0;
        double min = 1;
        double max = 0;
        for (int run = 0; run < SEEDS; run++) {
            Sequential model = model(backend, SEED + run);
            long start = System.nanoTime();
            model.fit(data.trainX(), data.trainY(), FitOptions.epochs(EPOCHS).batchSize(BATCH).verbose(0));
            if (run == 0) {
                firstSeconds = (System.nanoTime() - start) / 1e9;
            }
            double accuracy = accuracy(model, data);
            sum += accuracy;
            min = Math.min(min, accuracy);
            max = Math.max(max, accuracy);
        }
        System.out.printf(java.util.Locale.ROOT,
                "backend=%s samples_per_s=%.0f seconds=%.3f test_accuracy=%.4f seeds=%d test_accuracy_min=%.4f"
                        + " test_accuracy_max=%.4f%n",
                backend.name(), data.trainX().length * (double) EPOCHS / firstSeconds, firstSeconds, sum / SEEDS,
                SEEDS, min, max);
    }
}
