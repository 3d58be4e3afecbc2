package dev.vectornn.layers;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/** Weight initialisation schemes for a {@code fanIn × fanOut} kernel, with Keras' formulas. */
public enum Initializer {
    /** Uniform in ±√(6 / (fanIn + fanOut)): Keras' default. */
    GLOROT_UNIFORM,
    /** Normal with σ = √(2 / (fanIn + fanOut)), truncated at 2σ as Keras does. */
    GLOROT_NORMAL,
    /** Uniform in ±√(6 / fanIn): suits ReLU. */
    HE_UNIFORM,
    /** Normal with σ = √(2 / fanIn), truncated at 2σ: suits ReLU. */
    HE_NORMAL,
    /** All zeros (useful in tests; symmetric, so a network cannot learn from it). */
    ZEROS;

    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Initializer byName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("An initializer name is required. Known initializers: "
                    + Arrays.stream(values()).map(Initializer::kerasName).collect(Collectors.joining(", ")));
        }
        for (Initializer i : values()) {
            if (i.kerasName().equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unknown initializer '" + name + "'. Known initializers: "
                + Arrays.stream(values()).map(Initializer::kerasName).collect(Collectors.joining(", ")));
    }

    /** Fills {@code w[off .. off + fanIn·fanOut)}. */
    public void fill(float[] w, int off, int fanIn, int fanOut, RandomGenerator random) {
        int n = fanIn * fanOut;
        switch (this) {
            case GLOROT_UNIFORM -> uniform(w, off, n, Math.sqrt(6.0 / (fanIn + fanOut)), random);
            case HE_UNIFORM -> uniform(w, off, n, Math.sqrt(6.0 / fanIn), random);
            case GLOROT_NORMAL -> truncatedNormal(w, off, n, Math.sqrt(2.0 / (fanIn + fanOut)), random);
            case HE_NORMAL -> truncatedNormal(w, off, n, Math.sqrt(2.0 / fanIn), random);
            case ZEROS -> Arrays.fill(w, off, off + n, 0f);
        }
    }

    private static void uniform(float[] w, int off, int n, double limit, RandomGenerator random) {
        for (int i = 0; i < n; i++) {
            w[off + i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
    }

    private static void truncatedNormal(float[] w, int off, int n, double sigma, RandomGenerator random) {
        // Keras truncates at two standard deviations and rescales σ so the variance stays the target.
        double s = sigma / 0.87962566103423978;
        for (int i = 0; i < n; i++) {
            double g;
            do {
                g = random.nextGaussian();
            } while (Math.abs(g) > 2);
            w[off + i] = (float) (g * s);
        }
    }
}
