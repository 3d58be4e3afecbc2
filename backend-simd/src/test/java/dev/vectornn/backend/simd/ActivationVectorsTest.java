package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14's vector functions against exact values from {@link StrictMath}, over sweeps of float
 * bit patterns (every 1031st through each range) and {@link VectorMathTest#EDGES}. Where the
 * function's argument is itself computed in float before an exponential (GELU's tanh form), the
 * bound is relative and grows with that argument, as the reference's own float32 evaluation in
 * Keras does: stated per test. Budget: about 2 s.
 */
class ActivationVectorsTest {

    private static final int L = Lanes.L;
    private static final float[] TMP = new float[VectorMath.TMP];

    private interface Fn {
        void apply(float[] x, int at, float[] out);
    }

    /** One activation's vector forward, from the kernels' own dispatch. */
    private static Fn forward(Activation act) {
        BuiltinActivation kind = BuiltinActivation.of(act);
        return (x, at, out) -> ActivationVectors.forward(kind, Activation.builtinFunction(act), x, at, out, 0, TMP);
    }

    /**
     * The largest error over {@code xs} in ulps of the correctly rounded value, divided by the
     * allowed ulps at that argument: at most 1 passes. NaN and infinities must match exactly.
     */
    private static double worst(Fn f, DoubleUnaryOperator exact, DoubleUnaryOperator allowedUlps, float[] xs) {
        return worst(f, exact, allowedUlps, xs, 0);
    }

    /** As above, but a ±0 result passes wherever the exact value is below {@code flushBelow} in magnitude. */
    private static double worst(Fn f, DoubleUnaryOperator exact, DoubleUnaryOperator allowedUlps, float[] xs,
                                double flushBelow) {
        float[] out = new float[L];
        double worst = 0;
        for (int i = 0; i + L <= xs.length; i += L) {
            f.apply(xs, i, out);
            for (int j = 0; j < L; j++) {
                float x = xs[i + j];
                double want = exact.applyAsDouble(x);
                float rounded = (float) want;
                double err = out[j] == 0 && Math.abs(want) < flushBelow ? 0
                        : Float.isNaN(rounded) || Float.isInfinite(rounded)
                        ? (Float.compare(out[j], rounded) == 0 ? 0 : Double.POSITIVE_INFINITY)
                        : Math.abs(out[j] - want) / Math.ulp(rounded) / allowedUlps.applyAsDouble(x);
                if (err > 1) {
                    throw new AssertionError("at x = " + x + ": got " + out[j] + ", want " + want);
                }
                worst = Math.max(worst, err);
            }
        }
        return worst;
    }

    private static float[] both(float range) {
        return VectorMathTest.concat(VectorMathTest.sweep(0f, range, 1031), VectorMathTest.sweep(-0f, -range, 1031),
                VectorMathTest.EDGES);
    }

    @Test
    void expm1IsWithinTwoUlps() {
        Fn f = (x, at, out) -> VectorMath.expm1(x, at, 1f, out, 0, TMP);
        double w = worst(f, StrictMath::expm1, x -> 2, both(100f));
        System.out.println("ActivationVectorsTest: expm1 " + 2 * w + " ulp");
    }

    @Test
    void softplusIsWithinThreeUlps() {
        double w = worst(forward(Activation.SOFTPLUS),
                x -> Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x))), x -> 3, both(100f));
        System.out.println("ActivationVectorsTest: softplus " + 3 * w + " ulp");
    }

    @Test
    void eluAndSeluAreWithinThreeUlps() {
        // elu = x > 0 ? x : α·expm1(x); selu = scale·elu(x, α_selu): expm1's 2 ulp plus one multiply.
        worst(forward(Activation.ELU), x -> x > 0 ? x : StrictMath.expm1(x), x -> 3, both(100f));
        double a = 1.6732632423543772848170429916717;
        double s = 1.0507009873554804934193349852946;
        worst(forward(Activation.SELU), x -> x > 0 ? s * x : s * a * StrictMath.expm1(x), x -> 3, both(100f));
    }

    @Test
    void siluIsWithinFourUlps() {
        // x·σ(x): sigmoid's 3 ulp plus one multiply, for x ≥ −87; below, σ(x) is subnormal and the
        // product (under 1e-36) keeps fewer digits, as a float32 evaluation does anywhere.
        float[] xs = VectorMathTest.concat(VectorMathTest.sweep(0f, 100f, 1031), VectorMathTest.sweep(-0f, -87f, 1031));
        double w = worst(forward(Activation.SILU), x -> x / (1 + StrictMath.exp(-x)), x -> 4, xs);
        System.out.println("ActivationVectorsTest: silu " + 4 * w + " ulp");
    }

    // ------------------------------------------------------------------ exact GELU: Φ and x Φ(x)

    private static final float TAIL_MAX = VectorMath.NORMAL_TAIL_MAX;
    private static final Activation GELU_TANH =
            Activation.fromConfig(Map.of("name", "gelu", "config", Map.of("approximate", true)));

    /** Every 1031st float over [−12.9, hi], and the special values that stay inside it. */
    private static float[] normalRange(float hi) {
        return VectorMathTest.concat(VectorMathTest.sweep(0f, hi, 1031), VectorMathTest.sweep(-0f, -TAIL_MAX, 1031),
                new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-40f,
                    -1e-40f, 1f, -1f, 0.75f, -0.75f, -TAIL_MAX, TAIL_MAX, 5.4f, 5.5f, Float.MAX_VALUE,
                    Float.POSITIVE_INFINITY, Float.NaN});
    }

    /** Arguments below −12.9, where Φ(x) is under 2.3·10⁻³⁸ and the kernels give ±0 (then zeros, padding). */
    private static float[] flushed() {
        return VectorMathTest.concat(VectorMathTest.sweep(Math.nextDown(-TAIL_MAX), -1e6f, 1031),
                new float[] {-Float.MAX_VALUE, Float.NEGATIVE_INFINITY});
    }

    @Test
    void referenceSeriesAndFractionAgreeWhereBothConverge() {
        // Between 1.5 and 3, 1 − erf loses up to 2e-11 to cancellation: the two methods must
        // agree to that, so a wrong term in either shows.
        for (double t = 1; t <= 3; t += 1.0 / 64) {
            double series = 1 - NormalReference.erfSeries(t);
            double fraction = NormalReference.erfcFraction(t);
            assertTrue(Math.abs(series - fraction) <= 1e-10 * fraction, "erfc(" + t + "): " + series + " vs " + fraction);
        }
    }

    @Test
    void normalCdfIsWithinFiveUlps() {
        Fn f = (x, at, out) -> VectorMath.normalCdf(x, at, out, 0, TMP);
        double w = worst(f, NormalReference::cdf, x -> 5, normalRange(14f));
        System.out.println("ActivationVectorsTest: normal cdf " + 5 * w + " ulp");
        float[] xs = flushed();
        float[] out = new float[L];
        for (int i = 0; i + L <= xs.length; i += L) {
            f.apply(xs, i, out);
            for (int j = 0; j < L && xs[i + j] < -TAIL_MAX; j++) {
                assertEquals(0f, out[j], "Φ(" + xs[i + j] + ")");
                assertTrue(NormalReference.cdf(xs[i + j]) < 2.3e-38, "Φ(" + xs[i + j] + ") is not negligible");
            }
        }
    }

    @Test
    void exactGeluIsWithinFiveUlps() {
        Fn f = forward(Activation.GELU);
        double w = worst(f, x -> x * NormalReference.cdf(x), x -> 5, normalRange(30f));
        System.out.println("ActivationVectorsTest: gelu " + 5 * w + " ulp");
        float[] xs = flushed();
        float[] out = new float[L];
        for (int i = 0; i + L <= xs.length; i += L) {
            f.apply(xs, i, out);
            for (int j = 0; j < L && xs[i + j] < -TAIL_MAX; j++) {
                float x = xs[i + j];
                // −∞·0 is NaN, as in the reference.
                assertEquals(Float.isInfinite(x) ? Float.NaN : -0f, out[j], "gelu(" + x + ")");
            }
        }
    }

    @Test
    void exactGeluDerivativeIsWithinFourUnitsOfItsTerms() {
        // Φ(x) + x φ(x) has a zero near x = −0.75, where the terms cancel: the bound is relative
        // to their magnitudes, 4·2⁻²⁴ (|Φ| + |x φ|), plus an ulp of the result.
        float[] xs = VectorMathTest.concat(VectorMathTest.sweep(0f, 30f, 1031),
                VectorMathTest.sweep(-0f, -TAIL_MAX, 1031), flushed());
        float[] ones = new float[L];
        java.util.Arrays.fill(ones, 1f);
        float[] out = new float[L];
        double worst = 0;
        for (int i = 0; i + L <= xs.length; i += L) {
            ActivationVectors.derivativeFromInput(BuiltinActivation.GELU, xs, i, ones, 0, out, 0, TMP);
            for (int j = 0; j < L; j++) {
                double x = xs[i + j];
                if (x < -TAIL_MAX) {
                    assertEquals(0f, Math.abs(out[j]), "gelu'(" + x + ")");
                    continue;
                }
                double p = NormalReference.cdf(x);
                double xd = x * NormalReference.density(x);
                double want = p + xd;
                double err = Math.abs(out[j] - want) / (4 * 0x1p-24 * (Math.abs(p) + Math.abs(xd))
                        + Math.ulp((float) want));
                assertTrue(err <= 1, "gelu'(" + x + "): got " + out[j] + ", want " + want);
                worst = Math.max(worst, err);
            }
        }
        System.out.println("ActivationVectorsTest: gelu' " + worst + " of its bound");
    }

    /**
     * Issue #14's slowdown: GELU (either form) fed subnormal outputs and gradients to the next
     * matrix products, where each one costs a microcode assist. For inputs of magnitude at least
     * 1e-30 (smaller ones halve into subnormals, as in the reference) neither the forward nor the
     * derivative gives one, whatever dy.
     */
    @Test
    void geluGivesNoSubnormalOutputsOrGradients() {
        float[] xs = VectorMathTest.concat(VectorMathTest.sweep(1e-30f, 1e4f, 4099), VectorMathTest.sweep(-1e-30f, -1e4f, 4099));
        float[] dy = new float[L];
        float[] out = new float[L];
        for (Activation gelu : new Activation[] {Activation.GELU, GELU_TANH}) {
            BuiltinActivation kind = BuiltinActivation.of(gelu);
            for (int i = 0; i + L <= xs.length; i += L) {
                forward(gelu).apply(xs, i, out);
                assertNoSubnormal(gelu + " forward", xs, i, out);
                for (float g : new float[] {1f, 1e-3f, 1e-30f, -1e-36f}) {
                    java.util.Arrays.fill(dy, g);
                    ActivationVectors.derivativeFromInput(kind, xs, i, dy, 0, out, 0, TMP);
                    assertNoSubnormal(gelu + " derivative times " + g, xs, i, out);
                }
            }
        }
    }

    private static void assertNoSubnormal(String what, float[] xs, int at, float[] out) {
        for (int j = 0; j < L; j++) {
            float v = Math.abs(out[j]);
            assertTrue(v == 0 || v >= Float.MIN_NORMAL, what + " at x = " + xs[at + j] + " is subnormal: " + out[j]);
        }
    }

    @Test
    void geluTanhFormIsWithinItsConditionBound() {
        // x·σ(2u), 2u = 2√(2/π)(x + 0.044715x³) evaluated in float (3 roundings): σ turns the
        // argument's relative error into |2u|(1 − σ) times it, so the bound is 4 + 3·|2u| ulp
        // (4 at x = 0, about 20 at x = −2; large negative x, where the result is tiny, more).
        double c = 2 * Math.sqrt(2 / Math.PI);
        Activation gelu = Activation.fromConfig(Map.of("name", "gelu", "config", Map.of("approximate", true)));
        // Where 2u < −87 (x below about −9.9) the output, under 2⁻¹²² in magnitude, is flushed to ±0.
        worst(forward(gelu), x -> x / (1 + StrictMath.exp(-c * (x + 0.044715 * x * x * x))),
                x -> 4 + 3 * Math.abs(c * (x + 0.044715 * x * x * x)), both(30f), 0x1p-122);
    }
}
