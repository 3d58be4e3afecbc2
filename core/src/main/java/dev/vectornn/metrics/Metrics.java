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
     * {@code "accuracy"} (or {@code "acc"}) becomes the form the loss declares
     * ({@link Loss#accuracyKind()}); for a loss that declares none, sparse accuracy when the
     * targets are one label per sample, binary accuracy for a single output, else categorical
     * accuracy. The chosen form is told by {@link Metric#description()}.
     *
     * @throws IllegalArgumentException listing the known names for an unknown one
     */
    public static Metric resolve(String name, Loss loss, int outputWidth) {
        String key = name.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (key) {
            case "accuracy", "acc" -> new Accuracy(accuracyFor(loss, outputWidth), "accuracy");
            case "categorical_accuracy" -> new Accuracy(Accuracy.Kind.CATEGORICAL, key);
            case "sparse_categorical_accuracy" -> new Accuracy(Accuracy.Kind.SPARSE, key);
            case "binary_accuracy" -> new Accuracy(Accuracy.Kind.BINARY, key);
            default -> throw new IllegalArgumentException("Unknown metric '" + name + "'. Known metrics: "
                    + String.join(", ", KNOWN));
        };
    }

    /** The accuracy the loss declares, or for one that declares none the form the shapes imply. */
    private static Accuracy.Kind accuracyFor(Loss loss, int outputWidth) {
        switch (loss.accuracyKind()) {
            case CATEGORICAL:
                return Accuracy.Kind.CATEGORICAL;
            case SPARSE:
                return Accuracy.Kind.SPARSE;
            case BINARY:
                return Accuracy.Kind.BINARY;
            default:
                if (loss.targetWidth(outputWidth) == 1 && outputWidth > 1) {
                    return Accuracy.Kind.SPARSE;
                }
                return outputWidth == 1 ? Accuracy.Kind.BINARY : Accuracy.Kind.CATEGORICAL;
        }
    }
}
