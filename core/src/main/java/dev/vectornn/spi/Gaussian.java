package dev.vectornn.spi;

/**
 * The standard normal distribution's {@code Φ} and {@code φ} in double precision, for GELU's
 * reference (the JDK has no {@code erf}). {@code Φ(x) = erfc(−x/√2) / 2}, with {@code erfc} from
 * the Maclaurin series of {@code erf} below 2 and from its Laplace continued fraction above, so
 * that the far left tail keeps its relative accuracy (about 1e-13, far below float's 6e-8).
 */
final class Gaussian {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** Terms of the continued fraction, evaluated from the back; enough for 1e-13 at t = 2. */
    private static final int FRACTION_TERMS = 80;

    private Gaussian() {
    }

    /** {@code Φ(x)}, the probability that a standard normal variable is at most {@code x}. */
    static double cdf(double x) {
        return 0.5 * erfc(-x * SQRT_HALF);
    }

    /** {@code φ(x) = e^{−x²/2} / √(2π)}. */
    static double density(double x) {
        return ONE_OVER_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** The complementary error function {@code 1 − erf(t)}. */
    static double erfc(double t) {
        if (Double.isNaN(t)) {
            return t;
        }
        if (t < 0) {
            return 2 - erfc(-t);
        }
        if (t < 2) {
            return 1 - erfSeries(t);
        }
        if (t > 27) {
            return 0; // below the smallest double
        }
        // erfc(t) = e^{-t²}/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + ...))))
        double f = t;
        for (int k = FRACTION_TERMS; k > 0; k--) {
            f = t + (k / 2.0) / f;
        }
        return Math.exp(-t * t) / Math.sqrt(Math.PI) / f;
    }

    /** {@code erf(t) = 2/√π Σ (−1)ⁿ t^{2n+1} / (n! (2n+1))} for {@code |t| < 2}. */
    private static double erfSeries(double t) {
        double sum = 0;
        double term = t; // (−1)ⁿ t^{2n+1} / n!
        for (int n = 0; n < 60; n++) {
            double c = term / (2 * n + 1);
            sum += c;
            if (Math.abs(c) < 1e-17 * Math.abs(sum)) {
                break;
            }
            term *= -t * t / (n + 1);
        }
        return TWO_OVER_SQRT_PI * sum;
    }
}
