package dev.vectornn.layers;

import dev.vectornn.spi.ConfigMap;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Additive zero-centred Gaussian noise while training, as Keras' {@code GaussianNoise(stddev)}:
 * {@code y = x + stddev · z} with {@code z ~ N(0, 1)} drawn anew for every value of every step; in
 * inference the input passes through unchanged. The gradient passes through unchanged too.
 *
 * <p>The noise comes from the model's training random stream (the one {@code Dropout} uses), so a
 * seeded model trains to the same bits every run. The normal values are made by Marsaglia's polar
 * method with {@link StrictMath}, not by {@link RandomGenerator#nextGaussian()}, whose {@code Math}
 * calls may round differently interpreted and compiled; the polar method needs no cosine, whose
 * {@code StrictMath} argument reduction allocates, so a training step stays allocation-free. Keras' {@code seed} argument
 * has no counterpart: the model's seed ({@code Sequential.seed}) fixes the stream.
 */
public final class GaussianNoise extends Layer {

    private final float stddev;

    /** @throws IllegalArgumentException if {@code stddev} is negative or not finite (as a float) */
    public GaussianNoise(double stddev) {
        if (!((float) stddev >= 0 && (float) stddev < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("GaussianNoise stddev must be finite and ≥ 0 as a float, got " + stddev);
        }
        this.stddev = (float) stddev;
    }

    static GaussianNoise fromConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("GaussianNoise config", config).checkKeys("stddev");
        return new GaussianNoise(c.getDouble("stddev", 0, Double.MAX_VALUE));
    }

    public float stddev() {
        return stddev;
    }

    @Override
    public String typeName() {
        return "gaussian_noise";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("stddev", (double) stddev);
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public void forward(LayerCall c) {
        int n = c.rows() * c.inputWidth();
        float[] x = c.input();
        float[] y = c.output();
        RandomGenerator training = c.training();
        if (training == null || stddev == 0f) {
            System.arraycopy(x, 0, y, 0, n);
            return;
        }
        // Marsaglia's polar method gives two normal values per accepted pair.
        for (int i = 0; i < n; i += 2) {
            double u;
            double v;
            double s;
            do {
                u = 2 * training.nextDouble() - 1;
                v = 2 * training.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double f = stddev * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            y[i] = x[i] + (float) (u * f);
            if (i + 1 < n) {
                y[i + 1] = x[i + 1] + (float) (v * f);
            }
        }
    }

    @Override
    public void backward(LayerCall c) {
        float[] dx = c.inputGradient();
        if (dx != null) {
            System.arraycopy(c.outputGradient(), 0, dx, 0, c.rows() * c.inputWidth());
        }
    }

    @Override
    public String toString() {
        return "GaussianNoise(" + stddev + ")";
    }
}
