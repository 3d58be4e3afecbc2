package dev.vectornn.internal;

import java.util.random.RandomGenerator;

/**
 * A tiny seeded random generator whose whole state is one {@code long}, so that a saved model can
 * resume shuffling and dropout exactly where it stopped ({@code SplittableRandom} hides its state).
 * The algorithm is Steele, Lea and Flood's SplitMix64, the same mixer the JDK uses for seeding.
 */
public final class SplitMix64 implements RandomGenerator {

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The current state; {@code new SplitMix64(state())} continues the same sequence. */
    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }
}
