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
 * seeded model trains to the same bits every run. The normal values are made by the Box–Muller
 * transform with {@link StrictMath}, not by {@link RandomGenerator#nextGaussian()}, whose
 * {@code Math} calls may round differently interpreted and compiled. Keras' {@code seed} argument
 * has no counterpart: the model's seed ({@code Sequential.seed}) fixes the stream.
 */
public final class GaussianNoise extends Layer {

    private static final double TWO_PI = 2 * Math.PI;

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
        for (int i = 0; i < n; i++) {
            y[i] = x[i] + (float) (stddev * standardNormal(training));
        }
    }

    /** One N(0, 1) value by Box–Muller: {@code √(−2 ln u₁) · cos(2π u₂)}, {@code u₁} in (0, 1]. */
    static double standardNormal(RandomGenerator random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
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
