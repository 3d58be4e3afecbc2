package dev.vectornn.models;

import dev.vectornn.losses.Loss;
import dev.vectornn.metrics.Metric;

/**
 * Checks that targets suit the loss and the metrics before any step runs, so that a wrong label
 * fails with its data row named instead of deep inside a kernel halfway through training.
 */
final class TargetChecks {
    private TargetChecks() {
    }

    /**
     * Refuses, at compile time, a metric that reads targets of another shape than the loss's:
     * for example {@code binary_accuracy} (one target per output) with a sparse loss (one label
     * per row).
     */
    static void requireCompatible(Metric metric, Loss loss, int outputWidth) {
        int targets = loss.targetWidth(outputWidth);
        int wanted = metric.targetWidth(outputWidth);
        if (targets != wanted) {
            boolean labels = wanted == 1 && outputWidth > 1;
            throw new IllegalArgumentException("Metric '" + metric.name() + "' (" + metric.description() + ") reads "
                    + (labels ? "one class label per row" : wanted + " target values per row") + ", but " + loss.name()
                    + " takes " + targets + " per row for this model's " + outputWidth + " outputs: choose a metric that reads "
                    + "the loss's targets, e.g. \"accuracy\"");
        }
    }

    /**
     * For a sparse loss (one class label per row, whatever the output width), checks that every
     * label is a whole number naming an output.
     *
     * @param firstRow the data row of {@code fy}'s first row, for messages
     * @throws IllegalArgumentException naming the first bad row of {@code what}
     */
    static void checkLabels(CompiledModel c, float[] fy, int rows, String what, int firstRow) {
        int classes = c.network.outputWidth();
        // A loss that takes one target per row even for two outputs takes class labels.
        if (c.loss.targetWidth(2) != 1) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            float v = fy[r];
            if (v != (int) v || v < 0 || v >= classes) {
                String hint = classes == 1
                        ? ": " + c.loss.name() + " needs one output per class (at least 2); give the last layer as many units as there are classes"
                        : ": labels must be whole numbers in [0, " + classes + ")";
                throw new IllegalArgumentException(what + " row " + (firstRow + r) + " is the label " + v + " but the model has "
                        + classes + " output" + (classes == 1 ? "" : "s") + hint);
            }
        }
    }
}
