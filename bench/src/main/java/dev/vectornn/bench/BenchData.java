package dev.vectornn.bench;

import java.util.SplittableRandom;

/** Deterministic test data for the benchmarks, so every run measures the same numbers. */
public final class BenchData {

    private BenchData() {
    }

    /** {@code n} floats uniform in {@code [-1, 1)} from a fixed seed. */
    public static float[] uniform(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** {@code n} floats uniform in {@code [lo, hi)} from a fixed seed. */
    public static float[] uniform(int n, long seed, float lo, float hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + r.nextDouble() * (hi - lo));
        }
        return a;
    }

    /**
     * Parses a shape written {@code "AxBxC"} into its sizes.
     *
     * @throws IllegalArgumentException naming the shape if it does not have {@code parts} positive sizes
     */
    public static int[] shape(String shape, int parts) {
        String[] s = shape.split("x");
        if (s.length != parts) {
            throw new IllegalArgumentException("Shape '" + shape + "' must have " + parts + " sizes separated by 'x'");
        }
        int[] d = new int[parts];
        for (int i = 0; i < parts; i++) {
            d[i] = Integer.parseInt(s[i].strip());
            if (d[i] <= 0) {
                throw new IllegalArgumentException("Shape '" + shape + "' has a size that is not positive");
            }
        }
        return d;
    }
}
