package dev.vectornn.losses;

import dev.vectornn.spi.Kernels;

import java.util.List;

/**
 * Keras' {@code categorical_hinge}: per sample {@code max(neg − pos + 1, 0)} with
 * {@code pos = Σ t · y} and {@code neg = max_j (1 − t_j) · y_j}, for one-hot targets. The
 * gradient flows into every output through {@code pos} and into the output that attains
 * {@code neg} (the first one on ties). {@code "accuracy"} is chosen from the shapes (categorical
 * for several outputs), as Keras does.
 */
public final class CategoricalHinge implements Loss {

    @Override
    public String name() {
        return "categorical_hinge";
    }

    @Override
    public float compute(Kernels kernels, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        double invRows = 1.0 / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            double pos = 0;
            double neg = Double.NEGATIVE_INFINITY;
            int negAt = 0;
            for (int j = 0; j < cols; j++) {
                double yj = y[yOff + row + j];
                double tj = t[tOff + row + j];
                pos += tj * yj;
                double n = (1.0 - tj) * yj;
                if (n > neg) {
                    neg = n;
                    negAt = j;
                }
            }
            double margin = neg - pos + 1.0;
            total += Math.max(margin, 0.0);
            if (grad != null) {
                for (int j = 0; j < cols; j++) {
                    double tj = t[tOff + row + j];
                    double g = margin > 0 ? (j == negAt ? 1.0 - tj : 0.0) - tj : 0.0;
                    grad[gOff + row + j] = (float) (g * invRows);
                }
            }
        }
        return (float) total;
    }
}
