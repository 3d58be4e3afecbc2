package dev.vectornn.losses;

import dev.vectornn.spi.Kernels;

import java.util.List;

/**
 * Keras' {@code kl_divergence}: {@code Σ t · log(t / y)} per sample (summed over the outputs, not
 * averaged), with both {@code t} and {@code y} clipped to {@code [ε, 1]}, {@code ε = 1e-7}, as
 * Keras clips them. Where the output is clipped the gradient is 0. The targets need not sum to 1.
 */
public final class KLDivergence implements Loss {
    static final double EPSILON = 1e-7;

    @Override
    public String name() {
        return "kl_divergence";
    }

    @Override
    public List<String> aliases() {
        return List.of("kld", "kullback_leibler_divergence");
    }

    @Override
    public float compute(Kernels kernels, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        double invRows = 1.0 / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                double yi = y[yOff + i];
                double p = clip(yi);
                double q = clip(t[tOff + i]);
                total += q * Math.log(q / p);
                if (grad != null) {
                    grad[gOff + i] = (float) (yi > EPSILON && yi < 1.0 ? -q / p * invRows : 0.0);
                }
            }
        }
        return (float) total;
    }

    private static double clip(double v) {
        return Math.min(Math.max(v, EPSILON), 1.0);
    }
}
