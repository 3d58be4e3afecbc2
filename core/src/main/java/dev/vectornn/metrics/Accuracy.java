package dev.vectornn.metrics;

/**
 * Accuracy in its three Keras forms, chosen by {@link Metrics#resolve} from the loss and target
 * shape when the user simply asks for {@code "accuracy"}:
 * <ul>
 *   <li>{@link Kind#CATEGORICAL}: arg-max of the output equals arg-max of the one-hot target;</li>
 *   <li>{@link Kind#SPARSE}: arg-max of the output equals the integer label;</li>
 *   <li>{@link Kind#BINARY}: each output thresholded at 0.5 equals its 0/1 target.</li>
 * </ul>
 */
public final class Accuracy implements Metric {

    public enum Kind { CATEGORICAL, SPARSE, BINARY }

    private final Kind kind;
    private final String name;
    private long correct;
    private long total;

    public Accuracy(Kind kind) {
        this(kind, "accuracy");
    }

    public Accuracy(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return switch (kind) {
            case CATEGORICAL -> "categorical_accuracy: arg-max of output == arg-max of one-hot target";
            case SPARSE -> "sparse_categorical_accuracy: arg-max of output == integer label";
            case BINARY -> "binary_accuracy: output > 0.5 == target, per output";
        };
    }

    @Override
    public void reset() {
        correct = 0;
        total = 0;
    }

    @Override
    public void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols;
            switch (kind) {
                case CATEGORICAL -> {
                    correct += argMax(y, yr, cols) == argMax(t, tOff + r * targetCols, targetCols) ? 1 : 0;
                    total++;
                }
                case SPARSE -> {
                    correct += argMax(y, yr, cols) == (int) t[tOff + r * targetCols] ? 1 : 0;
                    total++;
                }
                case BINARY -> {
                    for (int j = 0; j < cols; j++) {
                        boolean predicted = y[yr + j] > 0.5f;
                        boolean actual = t[tOff + r * targetCols + j] > 0.5f;
                        correct += predicted == actual ? 1 : 0;
                        total++;
                    }
                }
            }
        }
    }

    @Override
    public double result() {
        return total == 0 ? 0 : (double) correct / total;
    }

    @Override
    public Metric copy() {
        return new Accuracy(kind, name);
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
