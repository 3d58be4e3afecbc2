package dev.vectornn.metrics;

/**
 * Accuracy in its three Keras forms, chosen by {@link Metrics#resolve} from the loss and target
 * shape when the user simply asks for {@code "accuracy"}, and registered under their own names as
 * {@link CategoricalAccuracy}, {@link SparseCategoricalAccuracy} and {@link BinaryAccuracy}:
 * <ul>
 *   <li>{@link Kind#CATEGORICAL}: arg-max of the output equals arg-max of the one-hot target;</li>
 *   <li>{@link Kind#SPARSE}: arg-max of the output equals the integer label;</li>
 *   <li>{@link Kind#BINARY}: each output above the threshold (0.5 unless set) equals its 0/1
 *       target; a sample scores the fraction of its outputs that match.</li>
 * </ul>
 * With sample weights, the result is the weighted mean of the per-sample scores, as Keras'.
 */
public class Accuracy implements Metric {

    public enum Kind { CATEGORICAL, SPARSE, BINARY }

    private final Kind kind;
    private final String name;
    /** As given, for the config; compared in float, as Keras casts it to the outputs' type. */
    private final double threshold;
    private final float floatThreshold;
    private double correct;
    private double total;

    public Accuracy(Kind kind) {
        this(kind, "accuracy");
    }

    public Accuracy(Kind kind, String name) {
        this(kind, name, 0.5);
    }

    /**
     * @param threshold for {@link Kind#BINARY}, an output above it counts as 1
     * @throws IllegalArgumentException if {@code threshold} is not finite
     */
    public Accuracy(Kind kind, String name, double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException(name + " threshold must be finite, got " + threshold);
        }
        this.kind = kind;
        this.name = name;
        this.threshold = threshold;
        this.floatThreshold = (float) threshold;
    }

    public Kind kind() {
        return kind;
    }

    /** The binary threshold. */
    public double threshold() {
        return threshold;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        switch (kind) {
            case CATEGORICAL:
                return "categorical_accuracy: arg-max of output == arg-max of one-hot target";
            case SPARSE:
                return "sparse_categorical_accuracy: arg-max of output == integer label";
            default:
                return "binary_accuracy: output > " + threshold + " == target, per output";
        }
    }

    @Override
    public int targetWidth(int outputWidth) {
        return kind == Kind.SPARSE ? 1 : outputWidth;
    }

    @Override
    public void reset() {
        correct = 0;
        total = 0;
    }

    @Override
    public void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols,
                       float[] weights, int wOff) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols;
            int tr = tOff + r * targetCols;
            int hits;
            int of = 1;
            switch (kind) {
                case CATEGORICAL:
                    hits = argMax(y, yr, cols) == argMax(t, tr, targetCols) ? 1 : 0;
                    break;
                case SPARSE:
                    hits = argMax(y, yr, cols) == (int) t[tr] ? 1 : 0;
                    break;
                default:
                    hits = 0;
                    for (int j = 0; j < cols; j++) {
                        boolean predicted = y[yr + j] > floatThreshold;
                        boolean actual = t[tr + j] > 0.5f;
                        hits += predicted == actual ? 1 : 0;
                    }
                    of = cols;
            }
            if (weights == null) {
                // Whole counts: the result is the exact fraction, as before weights existed.
                correct += hits;
                total += of;
            } else {
                double w = weights[wOff + r];
                correct += w * hits / of;
                total += w;
            }
        }
    }

    @Override
    public double result() {
        return total == 0 ? 0 : correct / total;
    }

    @Override
    public Metric copy() {
        return new Accuracy(kind, name, threshold);
    }

    /** Index of the largest value in {@code v[off .. off+n)}; the first one on ties. */
    public static int argMax(float[] v, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[off + j] > v[off + best]) {
                best = j;
            }
        }
        return best;
    }
}
