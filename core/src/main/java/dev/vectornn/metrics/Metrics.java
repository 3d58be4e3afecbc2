package dev.vectornn.metrics;

import dev.vectornn.losses.Loss;

import java.util.List;

/** Turns metric names into {@link Metric}s, resolving plain "accuracy" the way Keras does. */
public final class Metrics {

    private static final List<String> KNOWN = List.of("accuracy", "acc", "categorical_accuracy",
            "sparse_categorical_accuracy", "binary_accuracy");

    private Metrics() {
    }

    /**
     * The metric called {@code name} for a model with this loss and output width.
     * {@code "accuracy"} (or {@code "acc"}) becomes sparse accuracy for a sparse loss, binary
     * accuracy for binary cross-entropy or a single output, else categorical accuracy; the
     * chosen form is told by {@link Metric#description()}.
     *
     * @throws IllegalArgumentException listing the known names for an unknown one
     */
    public static Metric resolve(String name, Loss loss, int outputWidth) {
        String key = name.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (key) {
            case "accuracy", "acc" -> {
                String lossName = loss.name();
                if (loss.targetWidth(outputWidth) == 1 && outputWidth > 1 || lossName.contains("sparse")) {
                    yield new Accuracy(Accuracy.Kind.SPARSE, "accuracy");
                }
                if (lossName.contains("binary") || outputWidth == 1) {
                    yield new Accuracy(Accuracy.Kind.BINARY, "accuracy");
                }
                yield new Accuracy(Accuracy.Kind.CATEGORICAL, "accuracy");
            }
            case "categorical_accuracy" -> new Accuracy(Accuracy.Kind.CATEGORICAL, key);
            case "sparse_categorical_accuracy" -> new Accuracy(Accuracy.Kind.SPARSE, key);
            case "binary_accuracy" -> new Accuracy(Accuracy.Kind.BINARY, key);
            default -> throw new IllegalArgumentException("Unknown metric '" + name + "'. Known metrics: "
                    + String.join(", ", KNOWN));
        };
    }
}
