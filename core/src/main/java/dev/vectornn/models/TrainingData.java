package dev.vectornn.models;

import java.util.Arrays;

/**
 * Samples and targets checked once at the API's edge (shapes, finite values, labels against the
 * loss) and packed into flat row-major arrays: {@code x} is {@code rows × inputWidth}, {@code y}
 * is {@code rows × targetWidth}; {@code w}, if not null, holds one checked weight per row.
 */
final class TrainingData {
    final float[] x;
    final float[] y;
    final int rows;
    final int inputWidth;
    final int targetWidth;
    /** The per-sample weights, or null for none (every sample weighs 1, the faster unweighted path). */
    final float[] w;

    private TrainingData(float[] x, float[] y, int rows, int inputWidth, int targetWidth, float[] w) {
        this.x = x;
        this.y = y;
        this.rows = rows;
        this.inputWidth = inputWidth;
        this.targetWidth = targetWidth;
        this.w = w;
    }

    /** These samples with per-sample weights {@code w} (checked by the caller), or none if null. */
    TrainingData weighted(float[] w) {
        return new TrainingData(x, y, rows, inputWidth, targetWidth, w);
    }

    /**
     * Checks and packs {@code x} and {@code y}, named {@code xName} and {@code yName} in messages.
     *
     * @throws IllegalArgumentException naming the shapes, or the row and column of a bad value
     */
    static TrainingData of(CompiledModel c, float[][] x, float[][] y, String xName, String yName) {
        checkPair(c, x, y, xName, yName);
        int in = c.network.inputWidth();
        float[] fx = Inputs.flatten(x, in, xName);
        float[] fy = Inputs.flatten(y, c.targetWidth, yName);
        TargetChecks.checkLabels(c, fy, x.length, yName, 0);
        return new TrainingData(fx, fy, x.length, in, c.targetWidth, null);
    }

    /** Flat arrays given by a caller who validated them (distributed training's hot path). */
    static TrainingData trusted(CompiledModel c, float[] x, float[] y, int rows) {
        return new TrainingData(x, y, rows, c.network.inputWidth(), c.targetWidth, null);
    }

    /** The first {@code n} rows, to train on (Keras' validation split takes the rest from the end). */
    TrainingData head(int n) {
        return new TrainingData(x, y, n, inputWidth, targetWidth, w);
    }

    /** A copy of the rows after the first {@code n}, to validate on (taken before any shuffling, as Keras). */
    TrainingData tail(int n) {
        return new TrainingData(Arrays.copyOfRange(x, n * inputWidth, rows * inputWidth),
                Arrays.copyOfRange(y, n * targetWidth, rows * targetWidth), rows - n, inputWidth, targetWidth,
                w == null ? null : Arrays.copyOfRange(w, n, rows));
    }

    /** Checks that {@code x} and {@code y} are non-null, equally long and of the model's widths. */
    static void checkPair(CompiledModel c, float[][] x, float[][] y, String xName, String yName) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(xName + " and " + yName + " must not be null (got " + Inputs.shape(x)
                    + " and " + Inputs.shape(y) + ")");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(xName + " has shape " + Inputs.shape(x) + " and " + yName + " has shape "
                    + Inputs.shape(y) + ": they must have the same number of samples");
        }
        int in = c.network.inputWidth();
        if (x.length > 0 && x[0] != null && x[0].length != in) {
            throw new IllegalArgumentException(xName + " has shape " + Inputs.shape(x) + " but the model expects samples of width "
                    + in + ", i.e. shape [" + x.length + ", " + in + "]");
        }
        int tw = c.targetWidth;
        int out = c.network.outputWidth();
        if (y.length > 0 && y[0] != null && y[0].length != tw) {
            String hint = tw == 1 ? " (class indices for " + c.loss.name() + ")"
                    : " (" + out + " outputs: one-hot targets need one column per class)";
            throw new IllegalArgumentException(yName + " has shape " + Inputs.shape(y) + " but the model's output has shape [None, "
                    + out + "] and " + c.loss.name() + " expects targets of shape [" + y.length + ", " + tw + "]" + hint);
        }
    }
}
