package dev.vectornn.metrics;

import java.util.List;

/**
 * Counts of (actual class, predicted class) pairs.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(actualLabels, model.predictClasses(x), 3);
 * System.out.println(cm.format(List.of("setosa", "versicolor", "virginica")));
 * }</pre>
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    private ConfusionMatrix(int classes) {
        this.counts = new long[classes][classes];
    }

    /**
     * Builds the matrix from two label arrays of equal length, each label in {@code [0, classes)}.
     *
     * @throws IllegalArgumentException if the lengths differ or a label is out of range (naming its index)
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " labels but predicted has "
                    + predicted.length);
        }
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        ConfusionMatrix cm = new ConfusionMatrix(classes);
        for (int i = 0; i < actual.length; i++) {
            check(actual[i], classes, "actual", i);
            check(predicted[i], classes, "predicted", i);
            cm.counts[actual[i]][predicted[i]]++;
        }
        return cm;
    }

    private static void check(int label, int classes, String which, int i) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(which + "[" + i + "] = " + label + " is not in [0, " + classes + ")");
        }
    }

    public int classes() {
        return counts.length;
    }

    /** Samples of class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** The fraction on the diagonal. */
    public double accuracy() {
        long diag = 0;
        long all = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                all += counts[i][j];
                diag += i == j ? counts[i][j] : 0;
            }
        }
        return all == 0 ? 0 : (double) diag / all;
    }

    /** A table with actual classes as rows and predicted classes as columns. */
    public String format(List<String> classNames) {
        int n = counts.length;
        int w = 9;
        for (String s : classNames) {
            w = Math.max(w, s.length() + 2);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + w + "s", "actual \\ predicted"));
        sb.append('\n').append(String.format("%-" + w + "s", ""));
        for (int j = 0; j < n; j++) {
            sb.append(String.format("%" + w + "s", name(classNames, j)));
        }
        for (int i = 0; i < n; i++) {
            sb.append('\n').append(String.format("%-" + w + "s", name(classNames, i)));
            for (int j = 0; j < n; j++) {
                sb.append(String.format("%" + w + "d", counts[i][j]));
            }
        }
        return sb.toString();
    }

    private static String name(List<String> names, int i) {
        return i < names.size() ? names.get(i) : String.valueOf(i);
    }

    @Override
    public String toString() {
        return format(List.of());
    }
}
