package dev.vectornn.losses;

/**
 * The cross-entropies for the settings the backends' kernels do not cover: logits instead of
 * probabilities ({@code from_logits}) and smoothed targets ({@code label_smoothing}). Plain loops
 * in double, allocation-free; they run on the output layer once per batch.
 *
 * <p>Logits go through a log-sum-exp shifted by the row's largest logit (categorical) or through
 * {@code max(z, 0) − z·t + log1p(e^(−|z|))} (binary), so no exponential overflows; probabilities
 * are clipped to {@code [ε, 1 − ε]}, {@code ε = 1e-7}, as Keras and the kernels clip them.
 */
final class CrossEntropyMath {
    /** Keras' {@code epsilon()}, the kernels' clip bound. */
    static final double EPSILON = 1e-7f;

    private CrossEntropyMath() {
    }

    /** What the loss receives: probabilities (possibly softmax/sigmoid outputs with a fused gradient) or logits. */
    enum Input { PROBABILITIES, FUSED_PROBABILITIES, LOGITS }

    /** Keras' categorical smoothing, {@code t · (1 − s) + s / classes}. */
    static double smoothCategorical(double t, double smoothing, int classes) {
        return smoothing == 0 ? t : t * (1.0 - smoothing) + smoothing / classes;
    }

    /** Keras' binary smoothing, {@code t · (1 − s) + s / 2}. */
    static double smoothBinary(double t, double smoothing) {
        return smoothing == 0 ? t : t * (1.0 - smoothing) + 0.5 * smoothing;
    }

    /**
     * {@code Σ_rows −Σ_j t'_j log p_j} with {@code t'} the smoothed targets; the gradient of the
     * batch mean with respect to the probabilities, or to the logits when fused or given logits.
     * A sparse label {@code labels[lOff + r]} stands for a one-hot row when {@code sparse}.
     */
    static float categorical(int rows, int cols, float[] y, int yOff, float[] t, int tOff, boolean sparse,
                             float[] grad, int gOff, Input input, double smoothing) {
        double invRows = 1.0 / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols;
            int label = sparse ? label(t[tOff + r], cols, r) : -1;
            double shift = 0;
            double logSum = 0;
            if (input == Input.LOGITS) {
                shift = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    shift = Math.max(shift, y[yr + j]);
                }
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    sum += Math.exp(y[yr + j] - shift);
                }
                logSum = Math.log(sum);
            }
            double targetSum = 0;
            for (int j = 0; j < cols; j++) {
                double tj = smoothCategorical(target(t, tOff, r, cols, j, label), smoothing, cols);
                targetSum += tj;
                double logP = input == Input.LOGITS ? y[yr + j] - shift - logSum
                        : Math.log(Math.min(Math.max(y[yr + j], EPSILON), 1.0 - EPSILON));
                total -= tj * logP;
            }
            if (grad != null) {
                for (int j = 0; j < cols; j++) {
                    double tj = smoothCategorical(target(t, tOff, r, cols, j, label), smoothing, cols);
                    double p = input == Input.LOGITS ? Math.exp(y[yr + j] - shift - logSum) : y[yr + j];
                    double g;
                    if (input == Input.PROBABILITIES) {
                        g = p > EPSILON && p < 1.0 - EPSILON ? -tj / p : 0.0;
                    } else {
                        g = p * targetSum - tj;
                    }
                    grad[gOff + r * cols + j] = (float) (g * invRows);
                }
            }
        }
        return (float) total;
    }

    /** The class a sparse label names; {@code IllegalArgumentException} naming the row if it names none. */
    private static int label(float value, int classes, int row) {
        if (value != (int) value || value < 0 || value >= classes) {
            throw new IllegalArgumentException("label " + value + " in row " + row + " is not a whole number in [0, "
                    + classes + ")");
        }
        return (int) value;
    }

    private static double target(float[] t, int tOff, int r, int cols, int j, int label) {
        return label >= 0 ? (j == label ? 1.0 : 0.0) : t[tOff + r * cols + j];
    }

    /** {@code Σ_rows (1/cols) Σ_j −[t' log p + (1 − t') log(1 − p)]}, gradients as {@link #categorical}. */
    static float binary(int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                        float[] grad, int gOff, Input input, double smoothing) {
        double scale = 1.0 / ((double) cols * rows);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double row = 0;
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                double v = y[yOff + i];
                double tj = smoothBinary(t[tOff + i], smoothing);
                double g;
                if (input == Input.LOGITS) {
                    row += Math.max(v, 0.0) - v * tj + Math.log1p(Math.exp(-Math.abs(v)));
                    g = sigmoid(v) - tj;
                } else {
                    double p = Math.min(Math.max(v, EPSILON), 1.0 - EPSILON);
                    row -= tj * Math.log(p) + (1.0 - tj) * Math.log(1.0 - p);
                    g = input == Input.FUSED_PROBABILITIES ? v - tj
                            : (v > EPSILON && v < 1.0 - EPSILON ? (v - tj) / (v * (1.0 - v)) : 0.0);
                }
                if (grad != null) {
                    grad[gOff + i] = (float) (g * scale);
                }
            }
            total += row / cols;
        }
        return (float) total;
    }

    /** The logistic function, without overflow for large {@code |z|}. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
