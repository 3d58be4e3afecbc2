package dev.vectornn.models;

import dev.vectornn.losses.Loss;
import dev.vectornn.spi.Kernels;

/**
 * A loss weighted per sample as Keras weights it ({@code reduction="sum_over_batch_size"}): the
 * batch loss is {@code Σ wᵢ·lossᵢ / rows} (divided by the rows, not by the sum of the weights) and
 * row {@code i}'s gradient is {@code wᵢ / rows} times the gradient of its own loss.
 *
 * <p>The loss is asked row by row, so any {@link Loss} can be weighted without knowing about
 * weights: its gradient for a one-row batch is that row's own gradient, which is then scaled in
 * place. It allocates nothing.
 */
final class WeightedLoss {
    private WeightedLoss() {
    }

    /**
     * Like {@link Loss#compute}, with {@code rows} weights from {@code w[wOff ..]}.
     *
     * @return the <em>weighted</em> sum over rows, {@code Σ wᵢ·lossᵢ}
     */
    static float compute(Loss loss, Kernels kernels, int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetWidth,
                         float[] grad, int gOff, boolean fused, float[] w, int wOff) {
        double sum = 0;
        float inverseRows = 1f / rows;
        for (int r = 0; r < rows; r++) {
            int g = gOff + r * cols;
            float rowLoss = loss.compute(kernels, 1, cols, y, yOff + r * cols, t, tOff + r * targetWidth, grad, g, fused);
            float weight = w[wOff + r];
            sum += (double) weight * rowLoss;
            if (grad != null) {
                float scale = weight * inverseRows;
                for (int j = 0; j < cols; j++) {
                    grad[g + j] *= scale;
                }
            }
        }
        return (float) sum;
    }
}
