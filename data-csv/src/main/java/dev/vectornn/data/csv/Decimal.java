package dev.vectornn.data.csv;

import java.nio.charset.StandardCharsets;

/**
 * Parses a plain decimal number from ASCII bytes into the float {@link Float#parseFloat} gives
 * for the same text, without making a string in the common case.
 *
 * <p>The syntax is {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}: no
 * hexadecimal, no {@code d}/{@code f} suffixes, no {@code NaN} or {@code Infinity}, no spaces.
 *
 * <p>Most cells have few digits and a small exponent: when the digits form an integer of at most
 * 2<sup>24</sup> and the decimal exponent is within ±10, both the integer and the power of ten
 * are exact floats, so one float multiplication or division is correctly rounded (Clinger's fast
 * path) and equals {@code Float.parseFloat}. Up to 2<sup>53</sup> and ±22 the same holds in
 * double, and the rounding to float is checked for the one case where rounding twice could
 * differ. Any other number goes through {@code Float.parseFloat}.
 */
final class Decimal {

    /** What {@link #parse} returns for text that is not a plain decimal number. */
    static final float SYNTAX_ERROR = Float.NaN;

    private static final float[] POWERS = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    private static final double[] DOUBLE_POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final int EXACT_INT_LIMIT = 1 << 24;
    private static final long EXACT_LONG_LIMIT = 1L << 53;
    private static final int MAX_FAST_DIGITS = 18;
    /**
     * The 29 significand bits a double has beyond a float's 24, and the pattern they show when the
     * double lies exactly halfway between two normal floats: the midpoint test as one mask, as it
     * runs for most cells of six or more digits.
     */
    private static final long BELOW_FLOAT = (1L << 29) - 1;
    private static final long HALF_FLOAT_ULP = 1L << 28;

    private Decimal() {
    }

    /**
     * The value of {@code b[from, to)}, or {@link #SYNTAX_ERROR} (NaN, which the syntax cannot
     * produce) if the text does not follow the syntax. The result may be infinite when the number
     * is beyond the float range.
     */
    static float parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        // The usual cell: at most 18 digits and a point, no exponent. Every digit fits in the
        // long, so the loops need no count of significant digits; anything else (an exponent,
        // more digits, bad syntax) is left to the general loop below, which reads the cell again.
        long m = 0;
        int start = i;
        int d;
        for (; i < to && (d = b[i] - '0') >= 0 && d <= 9; i++) {
            m = m * 10 + d;
        }
        int intDigits = i - start;
        int fracDigits = 0;
        if (i < to && b[i] == '.') {
            int point = ++i;
            for (; i < to && (d = b[i] - '0') >= 0 && d <= 9; i++) {
                m = m * 10 + d;
            }
            fracDigits = i - point;
        }
        if (i == to && intDigits + fracDigits > 0 && intDigits + fracDigits <= MAX_FAST_DIGITS) {
            return value(m, -fracDigits, negative, b, from, to);
        }
        return parseGeneral(b, start, to, negative, from);
    }

    /** {@link #parse} for any cell: {@code b[i, to)} after the sign; {@code from} is where the cell starts. */
    private static float parseGeneral(byte[] b, int i, int to, boolean negative, int from) {
        long mantissa = 0;
        int digits = 0;       // significant digits accumulated in mantissa
        int dropped = 0;      // integer digits beyond MAX_FAST_DIGITS (each multiplies by 10)
        int fraction = 0;     // digits after the point that went into mantissa
        boolean exact = true; // false once a non-zero digit could not be kept
        int seen = 0;
        for (; i < to && isDigit(b[i]); i++, seen++) {
            if (digits < MAX_FAST_DIGITS) {
                mantissa = mantissa * 10 + (b[i] - '0');
                digits += mantissa == 0 ? 0 : 1;
            } else {
                dropped++;
                exact &= b[i] == '0';
            }
        }
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && isDigit(b[i]); i++, seen++) {
                if (digits < MAX_FAST_DIGITS) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    digits += mantissa == 0 ? 0 : 1;
                    fraction++;
                } else {
                    exact &= b[i] == '0';
                }
            }
        }
        if (seen == 0) {
            return SYNTAX_ERROR;
        }
        int exponent = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int start = i;
            for (; i < to && isDigit(b[i]); i++) {
                exponent = Math.min(exponent * 10 + (b[i] - '0'), 100_000); // saturate: far beyond any float
            }
            if (i == start) {
                return SYNTAX_ERROR;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != to) {
            return SYNTAX_ERROR;
        }
        int scale = exponent + dropped - fraction;
        if (!exact) {
            return slow(b, from, to);
        }
        return value(mantissa, scale, negative, b, from, to);
    }

    /** {@code ±mantissa × 10^scale} for an exact mantissa, by the fast paths where they are exact. */
    private static float value(long mantissa, int scale, boolean negative, byte[] b, int from, int to) {
        if (mantissa <= EXACT_INT_LIMIT && scale >= -10 && scale <= 10) {
            float m = mantissa;
            float v = scale >= 0 ? m * POWERS[scale] : m / POWERS[-scale];
            return negative ? -v : v;
        }
        if (mantissa <= EXACT_LONG_LIMIT && scale >= -22 && scale <= 22) {
            // One correctly rounded double operation, then the rounding to float. Rounding twice can
            // differ from rounding once only if the double lands exactly halfway between two floats
            // (every such midpoint is a double, so a value on either side of one stays on its side).
            double m = mantissa;
            double d = scale >= 0 ? m * DOUBLE_POWERS[scale] : m / DOUBLE_POWERS[-scale];
            float f = (float) d;
            if (Math.abs(d) >= Float.MIN_NORMAL ? (Double.doubleToRawLongBits(d) & BELOW_FLOAT) != HALF_FLOAT_ULP
                    : !isMidpoint(d, f)) {
                return negative ? -f : f;
            }
        }
        return slow(b, from, to);
    }

    /** The JDK's parse, for the cells no fast path covers; the syntax was checked. */
    private static float slow(byte[] b, int from, int to) {
        return Float.parseFloat(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** Whether {@code d} lies exactly halfway between the float {@code f} it rounded to and f's neighbour (any float, subnormal too). */
    private static boolean isMidpoint(double d, float f) {
        float neighbour = d > f ? Math.nextUp(f) : Math.nextDown(f);
        return ((double) f + (double) neighbour) * 0.5 == d;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
