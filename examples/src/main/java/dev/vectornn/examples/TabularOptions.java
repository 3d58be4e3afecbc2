package dev.vectornn.examples;

import dev.vectornn.backend.Backends;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of the examples that train on a held-out split of a table ({@code iris-improved},
 * {@code diabetes}, {@code breast-cancer}): how long and how fast to train, how the rows are
 * split, the seed, the backend, the chart and the amount of output. A picocli mixin; each example
 * creates it with its own training defaults.
 */
final class TabularOptions {

    @Option(names = "--epochs", description = "At most this many epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", description = "Samples per update (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", description = "The optimizer's (initial) learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--test-fraction", description = "Share of the rows (of each class, for a classification) held out for the final test (default: ${DEFAULT-VALUE}).")
    double testFraction = 0.2;

    @Option(names = "--validation-fraction", description = "Share of the remaining rows used to validate during fit (default: ${DEFAULT-VALUE}).")
    double validationFraction = 0.2;

    @Option(names = "--seed", description = "Seed for the split, the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--backend", description = "Run on this backend (e.g. scalar, simd) instead of the one chosen automatically.")
    String backend;

    @Option(names = "--chart", paramLabel = "FILE", description = "Also draw the training and validation curves of the loss and every metric into this PNG.")
    Path chart;

    @Option(names = "--quiet", description = "No epoch lines.")
    boolean quiet;

    /** The example's defaults for the training options (picocli keeps an instance it is given). */
    TabularOptions(int epochs, int batchSize, double learningRate) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
    }

    /** Checks the options' values; the caller checks its own. */
    void check() {
        UsageException.fraction("--test-fraction", testFraction);
        UsageException.fraction("--validation-fraction", validationFraction);
        UsageException.atLeast("--epochs", 0, epochs);
        UsageException.atLeast("--batch-size", 1, batchSize);
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new UsageException("--learning-rate must be a positive number, got " + learningRate);
        }
    }

    /** An empty model with the seed and, if one was named, the backend. */
    Sequential newModel() {
        Sequential model = new Sequential();
        model.seed(seed);
        if (backend != null) {
            model.backend(UsageException.forOption("--backend", () -> Backends.named(backend)));
        }
        return model;
    }

    /** {@code fit}'s options: the epochs, the batch size, and one line per epoch on {@code out} (none with {@code --quiet}). */
    FitOptions fitOptions(java.io.PrintStream out) {
        return FitOptions.epochs(epochs).batchSize(batchSize).verbose(quiet ? 0 : 2).out(out);
    }
}
