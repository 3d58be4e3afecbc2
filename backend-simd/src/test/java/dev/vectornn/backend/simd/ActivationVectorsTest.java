package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

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
        float[] out = new float[L];
        double worst = 0;
        for (int i = 0; i + L <= xs.length; i += L) {
            f.apply(xs, i, out);
            for (int j = 0; j < L; j++) {
                float x = xs[i + j];
                double want = exact.applyAsDouble(x);
                float rounded = (float) want;
                double err = Float.isNaN(rounded) || Float.isInfinite(rounded)
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

    @Test
    void geluTanhFormIsWithinItsConditionBound() {
        // x·σ(2u), 2u = 2√(2/π)(x + 0.044715x³) evaluated in float (3 roundings): σ turns the
        // argument's relative error into |2u|(1 − σ) times it, so the bound is 4 + 3·|2u| ulp
        // (4 at x = 0, about 20 at x = −2; large negative x, where the result is tiny, more).
        double c = 2 * Math.sqrt(2 / Math.PI);
        Activation gelu = Activation.fromConfig(Map.of("name", "gelu", "config", Map.of("approximate", true)));
        worst(forward(gelu), x -> x / (1 + StrictMath.exp(-c * (x + 0.044715 * x * x * x))),
                x -> 4 + 3 * Math.abs(c * (x + 0.044715 * x * x * x)), both(30f));
    }
}
