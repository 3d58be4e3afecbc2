package dev.vectornn.layers;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layer normalization over the features of each sample, as Keras' {@code LayerNormalization()}
 * ({@code axis=-1}): per row, {@code y = γ · (x − μ) / √(σ² + ε) + β} with the row's mean {@code μ}
 * and biased variance {@code σ²}. It behaves the same in training and inference and keeps no
 * statistics. Defaults are Keras 3's: {@code epsilon} 1e-3, {@code center} and {@code scale} on (γ
 * starts at 1, β at 0). PyTorch's {@code nn.LayerNorm} computes the same but defaults to
 * {@code eps} 1e-5; this follows Keras.
 *
 * <p>The row statistics are summed in double precision; the backward pass recomputes them from
 * the input, so the layer needs no scratch.
 */
public final class LayerNormalization extends AffineNormalization {


    /** Keras' defaults: epsilon 1e-3, center and scale on. */
    public LayerNormalization() {
        this(1e-3, true, true);
    }

    /** @throws IllegalArgumentException if {@code epsilon} is not positive and finite (as a float) */
    public LayerNormalization(double epsilon, boolean center, boolean scale) {
        super("LayerNormalization", epsilon, center, scale);
    }

    static LayerNormalization fromConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("LayerNormalization config", config).checkKeys("epsilon", "center", "scale");
        return new LayerNormalization(c.getDouble("epsilon", 1e-3, Double.MIN_VALUE, Double.MAX_VALUE),
                c.getBoolean("center", true), c.getBoolean("scale", true));
    }

    @Override
    public String typeName() {
        return "layer_normalization";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        putSettings(c);
        return c;
    }

    /** The row's mean. */
    private static double mean(float[] x, int off, int cols) {
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            sum += x[off + j];
        }
        return sum / cols;
    }

    /** 1 / √(σ² + ε) of the row, σ² the biased variance around {@code mean}. */
    private double invStd(float[] x, int off, int cols, double mean) {
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            double d = x[off + j] - mean;
            sum += d * d;
        }
        return 1 / Math.sqrt(sum / cols + epsilon);
    }

    @Override
    public void forward(LayerCall c) {
        int cols = c.inputWidth();
        float[] x = c.input();
        float[] y = c.output();
        float[] p = c.params();
        int gamma = c.paramOffset();
        int beta = betaOffset(gamma, cols);
        for (int r = 0; r < c.rows(); r++) {
            int off = r * cols;
            double mu = mean(x, off, cols);
            double s = invStd(x, off, cols, mu);
            for (int j = 0; j < cols; j++) {
                double v = (x[off + j] - mu) * s;
                if (scale) {
                    v *= p[gamma + j];
                }
                if (center) {
                    v += p[beta + j];
                }
                y[off + j] = (float) v;
            }
        }
    }

    @Override
    public void backward(LayerCall c) {
        int cols = c.inputWidth();
        float[] x = c.input();
        float[] dy = c.outputGradient();
        float[] dx = c.inputGradient();
        float[] p = c.params();
        float[] g = c.gradients();
        int gamma = c.paramOffset();
        int beta = betaOffset(gamma, cols);
        for (int r = 0; r < c.rows(); r++) {
            int off = r * cols;
            double mu = mean(x, off, cols);
            double s = invStd(x, off, cols, mu);
            // With x̂ = (x − μ)s and d = dy · γ: dx = s (d − mean(d) − x̂ · mean(d · x̂)).
            double sumD = 0;
            double sumDXhat = 0;
            for (int j = 0; j < cols; j++) {
                double xhat = (x[off + j] - mu) * s;
                double d = scale ? dy[off + j] * (double) p[gamma + j] : dy[off + j];
                sumD += d;
                sumDXhat += d * xhat;
                if (scale) {
                    g[gamma + j] += (float) (dy[off + j] * xhat);
                }
                if (center) {
                    g[beta + j] += dy[off + j];
                }
            }
            if (dx == null) {
                continue;
            }
            double meanD = sumD / cols;
            double meanDXhat = sumDXhat / cols;
            for (int j = 0; j < cols; j++) {
                double xhat = (x[off + j] - mu) * s;
                double d = scale ? dy[off + j] * (double) p[gamma + j] : dy[off + j];
                dx[off + j] = (float) (s * (d - meanD - xhat * meanDXhat));
            }
        }
    }

    @Override
    public String toString() {
        return "LayerNormalization(epsilon=" + epsilon + ")";
    }
}
