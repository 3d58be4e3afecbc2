package dev.vectornn.testkit;

import org.quicktheories.QuickTheory;

/**
 * The one place where property tests configure QuickTheories, so every property replays the same
 * way: a fixed seed (system property {@code QT_SEED}, else {@link #DEFAULT_SEED}) and a number of
 * examples (system property {@code QT_EXAMPLES}, else the property's own default).
 *
 * <p>A falsified property ends with QuickTheories' "Seed was N" line; rerun with
 * {@code -DQT_SEED=N} to replay it, and with {@code -DQT_EXAMPLES=500} to search harder.
 */
public final class PropertySettings {

    /** The seed used when {@code QT_SEED} is not set: fixed so that a build is reproducible. */
    public static final long DEFAULT_SEED = 0x5EED_2026_0005L;

    private PropertySettings() {
    }

    /** The seed every property starts from. */
    public static long seed() {
        String s = System.getProperty("QT_SEED");
        if (s == null || s.isBlank()) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property QT_SEED must be a whole number, got '" + s + "'", e);
        }
    }

    /** {@code QT_EXAMPLES} if set, else {@code defaultExamples}. */
    public static int examples(int defaultExamples) {
        return positive("QT_EXAMPLES", defaultExamples);
    }

    private static int positive(String property, int fallback) {
        String s = System.getProperty(property);
        if (s == null || s.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + property + " must be a whole number, got '" + s + "'", e);
        }
        if (n <= 0) {
            throw new IllegalArgumentException("System property " + property + " must be positive, got " + n);
        }
        return n;
    }

    /**
     * Shrink attempts after a falsification: {@code QT_SHRINKS} if set, else {@value #DEFAULT_SHRINKS}.
     * QuickTheories' own default is 100 × its default examples (100,000), far more than the
     * generators here need to reach a small counterexample, and each attempt is a full check.
     */
    public static int shrinkCycles() {
        return positive("QT_SHRINKS", DEFAULT_SHRINKS);
    }

    /** Shrink attempts when {@code QT_SHRINKS} is not set. */
    public static final int DEFAULT_SHRINKS = 1000;

    /** A QuickTheories runner with the configured seed, {@link #examples(int) examples} and {@link #shrinkCycles() shrinks}. */
    public static QuickTheory qt(int defaultExamples) {
        return QuickTheory.qt().withFixedSeed(seed()).withExamples(examples(defaultExamples)).withShrinkCycles(shrinkCycles());
    }
}
