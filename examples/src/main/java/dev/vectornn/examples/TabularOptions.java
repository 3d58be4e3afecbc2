package dev.vectornn.examples;

import dev.vectornn.backend.Backends;
import dev.vectornn.models.Sequential;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options the tabular examples ({@code diabetes}, {@code breast-cancer}) share: how the rows
 * are split, the seed, the backend, the chart and the amount of output. A picocli mixin.
 */
final class TabularOptions {

    @Option(names = "--test-fraction", description = "Share of the rows held out for the final test (default: ${DEFAULT-VALUE}).")
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

    /** Checks the shares; the caller checks its own options. */
    void check() {
        UsageException.fraction("--test-fraction", testFraction);
        UsageException.fraction("--validation-fraction", validationFraction);
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

    /** The {@code verbose} level of {@code fit}: one line per epoch, or none with {@code --quiet}. */
    int verbose() {
        return quiet ? 0 : 2;
    }
}
