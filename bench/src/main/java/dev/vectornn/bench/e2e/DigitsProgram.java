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
 * program ({@code main}) it trains once in this JVM and prints {@code samples_per_s} (training
 * rows × epochs / wall time of the 20 epochs, the first run of a fresh JVM) and
 * {@code test_accuracy}; {@link DigitsTrainingBenchmark} measures an epoch after warm-up.
 */
public final class DigitsProgram {

    static final long SEED = 42;
    static final int EPOCHS = 20;
    static final int BATCH = 64;

    private DigitsProgram() {
    }

    /** A compiled, freshly initialised model on {@code backend}. */
    static Sequential model(Backend backend) {
        Sequential model = new Sequential();
        model.add(new Dense(256, "relu").inputDim(64));
        model.add(new Dense(256, "relu"));
        model.add(new Dense(10, "softmax"));
        model.backend(backend);
        model.seed(SEED);
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
     * Trains once and prints one line of {@code key=value} results.
     *
     * @param args optional backend name (default: the selected backend)
     */
    public static void main(String[] args) {
        DigitsRows data = DigitsRows.load();
        Backend backend = args.length > 0 ? Backends.named(args[0]) : Backends.current();
        Sequential model = model(backend);
        long start = System.nanoTime();
        model.fit(data.trainX(), data.trainY(), FitOptions.epochs(EPOCHS).batchSize(BATCH).verbose(0));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "backend=%s samples_per_s=%.0f seconds=%.3f test_accuracy=%.4f%n",
                backend.name(), data.trainX().length * (double) EPOCHS / seconds, seconds, accuracy(model, data));
    }
}
