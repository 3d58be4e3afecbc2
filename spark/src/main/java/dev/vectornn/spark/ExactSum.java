package dev.vectornn.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * A vector of sums that gives bit-for-bit the same result in whatever order its parts are added.
 *
 * <p>Spark's {@code treeAggregate} combines partial results in the order tasks happen to finish,
 * and float addition is not associative, so plain float or double sums would make two runs with
 * the same seed differ in their last bits. Here every contribution is turned into a 128-bit
 * fixed-point integer (binary point at 2<sup>-70</sup>: |values| below 2<sup>48</sup> ≈ 2.8·10<sup>14</sup>,
 * resolution 2<sup>-70</sup> ≈ 8.5·10<sup>-22</sup>); integer addition is associative and commutative,
 * and the conversion back to floating point happens once, on the driver.
 *
 * <p>The contributions are gradients summed over a partition's rows, so the range must hold a
 * large batch of large per-sample gradients (unscaled regression targets), while parts below
 * 10<sup>-21</sup> change no weight: Adam's epsilon and any learning rate dwarf them. Bits below
 * the resolution are dropped (truncated toward zero, the same way every time); a value of
 * magnitude 2<sup>48</sup> or more throws, as it only happens when training has diverged.
 */
final class ExactSum implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final int FRACTION_BITS = 70;
    /** Largest exponent shift that keeps 9 bits of headroom for carries from many partitions. */
    private static final int MAX_SHIFT = 94;

    /** Two longs per value: high (signed) then low (unsigned) half of a 128-bit integer. */
    private long[] words;
    private long rows;
    /** Why a contribution could not be added (a non-finite or too large value), or null. */
    private String diverged;

    /** An empty sum; the vector takes its length from the first {@link #add}. */
    ExactSum() {
    }

    /** Number of samples that contributed. */
    long rows() {
        return rows;
    }

    boolean isEmpty() {
        return words == null;
    }

    int length() {
        return words == null ? 0 : words.length / 2;
    }

    /** Adds {@code values} (one contribution of {@code rows} samples) to this sum. */
    ExactSum add(float[] values, long rows) {
        ensure(values.length);
        for (int i = 0; i < values.length; i++) {
            addFloat(i, values[i]);
        }
        this.rows += rows;
        return this;
    }

    /**
     * Marks this sum as diverged instead of throwing on the executor, so the driver learns of it
     * as a value and can refuse the step as {@code fit} does. A diverged sum stays diverged.
     */
    ExactSum diverged(String why) {
        if (diverged == null) {
            diverged = why;
        }
        return this;
    }

    /** Why some contribution could not be added, or null if none. */
    String divergence() {
        return diverged;
    }

    /** Adds another sum to this one (and returns this). */
    ExactSum add(ExactSum other) {
        if (other.diverged != null) {
            diverged(other.diverged);
        }
        if (other.words == null) {
            this.rows += other.rows;
            return this;
        }
        ensure(other.length());
        long[] w = words;
        long[] o = other.words;
        for (int i = 0; i < w.length; i += 2) {
            long lo = w[i + 1] + o[i + 1];
            long carry = Long.compareUnsigned(lo, w[i + 1]) < 0 ? 1 : 0;
            w[i] = w[i] + o[i] + carry;
            w[i + 1] = lo;
        }
        this.rows += other.rows;
        return this;
    }

    /** The sum at index {@code i}, rounded once to the nearest double. */
    double get(int i) {
        long hi = words[2 * i];
        long lo = words[2 * i + 1];
        boolean negative = hi < 0;
        if (negative) {
            lo = ~lo + 1;
            hi = ~hi + (lo == 0 ? 1 : 0);
        }
        double magnitude = Math.scalb((double) hi, 64) + unsignedToDouble(lo);
        return Math.scalb(negative ? -magnitude : magnitude, -FRACTION_BITS);
    }

    private void ensure(int length) {
        if (words == null) {
            words = new long[2 * length];
        } else if (words.length != 2 * length) {
            throw new IllegalArgumentException("Cannot add a vector of " + length + " values to a sum of " + length());
        }
    }

    private void addFloat(int i, float v) {
        if (v == 0f) {
            return;
        }
        if (!Float.isFinite(v)) {
            throw new ArithmeticException("Value " + i + " of a gradient is " + v + ": training diverged");
        }
        int bits = Float.floatToRawIntBits(v);
        int biased = (bits >>> 23) & 0xFF;
        long mantissa = bits & 0x7FFFFF;
        int exponent;
        if (biased == 0) {
            exponent = -149;
        } else {
            mantissa |= 0x800000;
            exponent = biased - 150;
        }
        int shift = exponent + FRACTION_BITS;
        if (shift > MAX_SHIFT) {
            throw new ArithmeticException("Value " + i + " of a gradient is " + v + ", beyond the 2^48 that exact "
                    + "summation allows: training diverged. Lower the learning rate or scale the inputs.");
        }
        long hi;
        long lo;
        if (shift < 0) {
            hi = 0;
            lo = shift <= -32 ? 0 : mantissa >>> -shift;
        } else if (shift < 64) {
            lo = mantissa << shift;
            hi = shift == 0 ? 0 : mantissa >>> (64 - shift);
        } else {
            lo = 0;
            hi = mantissa << (shift - 64);
        }
        if (bits < 0) {
            lo = ~lo + 1;
            hi = ~hi + (lo == 0 ? 1 : 0);
        }
        long[] w = words;
        long sumLo = w[2 * i + 1] + lo;
        long carry = Long.compareUnsigned(sumLo, w[2 * i + 1]) < 0 ? 1 : 0;
        w[2 * i] = w[2 * i] + hi + carry;
        w[2 * i + 1] = sumLo;
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1L);
    }
}
