package dev.vectornn.backend.simd;

import dev.vectornn.spi.BuiltinFunction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One vector of a built-in activation, its derivative from the output, or (GELU in both forms,
 * SiLU) its derivative from the input: the code the GEMM epilogue ({@link Epilogue}) and the
 * element-wise kernels ({@link VectorOps}) share. Settings (slope, maximum, alpha) come from the
 * activation's {@link BuiltinFunction}, read as plain floats: nothing is boxed or allocated.
 *
 * <p>As {@link VectorMath}, every method reads its operands from arrays and writes its result to
 * one, so no vector crosses a method boundary whether C2 inlines it or not; {@code tmp} is a
 * {@link VectorMath#TMP}-float scratch that is neither input nor output. The piecewise-linear
 * functions (relu's variants, leaky_relu, hard_sigmoid, softsign) and every derivative taken from
 * the output use the reference's float operations in its order, so they give its bits; the
 * transcendental ones use {@link VectorMath} and are within a few ulp ({@code VectorMathTest}).
 * GELU's outputs and gradients never come out subnormal, which would slow the products that
 * consume them (see {@link #GELU_GATE_LIMIT}).
 */
final class ActivationVectors {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int TMP2 = VectorMath.TMP2;

    /** SELU's constants rounded as the reference rounds them. */
    private static final float SELU_SCALE = (float) BuiltinFunction.SELU_SCALE;
    private static final float SELU_SCALE_ALPHA = (float) (BuiltinFunction.SELU_SCALE * BuiltinFunction.SELU_ALPHA);
    /** GELU's tanh form: {@code 0.5 (1 + tanh u) = σ(2u)}, {@code 2u = x (2C + 2C·0.044715 x²)}, C = √(2/π). */
    private static final float GELU_2C = (float) (2 * Math.sqrt(2 / Math.PI));
    private static final float GELU_2C_CUBIC = (float) (2 * Math.sqrt(2 / Math.PI) * 0.044715);
    /** {@code d(2u)/dx = 2C + 3·2C·0.044715 x²}. */
    private static final float GELU_2C_CUBIC3 = (float) (3 * 2 * Math.sqrt(2 / Math.PI) * 0.044715);
    /**
     * Where GELU's tanh-form gate stops: {@code σ(2u)} is evaluated for {@code |2u| ≤ 87}, where
     * {@code e^{−|2u|}} ≥ 1.6·10⁻³⁸ is still a normal float; above, the gate is 1 (as it rounds);
     * below, 0 (the output, under 2⁻¹²² in magnitude, is flushed). Before this bound the cubic
     * pushed |2u| past 87 for every |x| above about 10, {@link VectorMath#exp} then underflowed into
     * subnormals, and the subnormal outputs and gradients made the next matrix products take
     * microcode assists on every multiply that met one: the dense backward ran 15–25× slower
     * (issue #14, bench/RESULTS.md).
     */
    private static final float GELU_GATE_LIMIT = 87f;
    /** The sign bit of a float, to keep the sign of a flushed result. */
    private static final int SIGN_BIT = 0x80000000;

    private ActivationVectors() {
    }

    /**
     * {@code y = act(x)} for one vector; {@code kind} is neither {@code LINEAR} nor {@code SOFTMAX}.
     * {@code y} may be {@code x}.
     */
    static void forward(BuiltinActivation kind, BuiltinFunction f, float[] x, int xo, float[] y, int yo, float[] tmp) {
        switch (kind) {
            case RELU -> FloatVector.fromArray(F, x, xo).max(0f).intoArray(y, yo);
            case RELU_GENERAL -> {
                FloatVector v = FloatVector.fromArray(F, x, xo);
                FloatVector pass = v.max(0f).min(f.maxValue());
                float slope = f.negativeSlope();
                (slope == 0f ? pass : pass.sub(v.neg().max(0f).mul(slope))).intoArray(y, yo);
            }
            case LEAKY_RELU -> {
                FloatVector v = FloatVector.fromArray(F, x, xo);
                v.mul(f.negativeSlope()).blend(v, v.compare(VectorOperators.GE, 0f)).intoArray(y, yo);
            }
            case SIGMOID -> VectorMath.sigmoid(x, xo, y, yo, tmp);
            case TANH -> VectorMath.tanh(x, xo, y, yo, tmp);
            case ELU, SELU -> {
                VectorMath.expm1(x, xo, 1f, tmp, TMP2, tmp);
                FloatVector v = FloatVector.fromArray(F, x, xo);
                FloatVector em1 = FloatVector.fromArray(F, tmp, TMP2);
                FloatVector r = kind == BuiltinActivation.ELU
                        ? em1.mul(f.alpha()).blend(v, v.compare(VectorOperators.GT, 0f))
                        : em1.mul(SELU_SCALE_ALPHA).blend(v.mul(SELU_SCALE), v.compare(VectorOperators.GT, 0f));
                r.intoArray(y, yo);
            }
            case GELU_TANH -> {
                geluGate(x, xo, tmp);
                FloatVector.fromArray(F, x, xo).mul(FloatVector.fromArray(F, tmp, TMP2)).intoArray(y, yo);
            }
            case GELU -> {
                // x·Φ(x): Φ is 0 below x = −12.9, where x·Φ(x) < 3·10⁻³⁷, and normal above.
                VectorMath.normalCdf(x, xo, tmp, 0, tmp);
                FloatVector.fromArray(F, x, xo).mul(FloatVector.fromArray(F, tmp, 0)).intoArray(y, yo);
            }
            case SILU -> {
                VectorMath.sigmoid(x, xo, tmp, TMP2, tmp);
                FloatVector.fromArray(F, x, xo).mul(FloatVector.fromArray(F, tmp, TMP2)).intoArray(y, yo);
            }
            case SOFTPLUS -> VectorMath.softplus(x, xo, y, yo, tmp);
            case SOFTSIGN -> {
                FloatVector v = FloatVector.fromArray(F, x, xo);
                v.div(FloatVector.broadcast(F, 1f).add(v.abs())).intoArray(y, yo);
            }
            case HARD_SIGMOID -> FloatVector.fromArray(F, x, xo).add(3f).max(0f).min(6f).div(6f).intoArray(y, yo);
            case EXPONENTIAL -> VectorMath.exp(x, xo, false, 1f, 0f, y, yo);
            default -> throw new IllegalArgumentException(kind + " is not element-wise");
        }
    }

    /**
     * {@code tmp[TMP2 ..] = σ(2u)}, GELU's tanh-form gate {@code 0.5 (1 + tanh u)}, for one vector
     * of x, with {@code 2u} clamped to ±{@link #GELU_GATE_LIMIT} and the gate 0 below it.
     */
    private static void geluGate(float[] x, int xo, float[] tmp) {
        FloatVector v = FloatVector.fromArray(F, x, xo);
        v.mul(v).mul(GELU_2C_CUBIC).add(GELU_2C).mul(v).max(-GELU_GATE_LIMIT).min(GELU_GATE_LIMIT)
                .intoArray(tmp, TMP2);
        VectorMath.sigmoid(tmp, TMP2, tmp, TMP2, tmp);
        v = FloatVector.fromArray(F, x, xo);
        FloatVector u2 = v.mul(v).mul(GELU_2C_CUBIC).add(GELU_2C).mul(v);
        FloatVector.fromArray(F, tmp, TMP2).blend(0f, u2.compare(VectorOperators.LT, -GELU_GATE_LIMIT))
                .intoArray(tmp, TMP2);
    }

    /**
     * {@code dx = act'(y) ⊙ dy} for one vector, from the saved output {@code y}, for the kinds whose
     * derivative comes from it (not softmax, GELU or SiLU). {@code dx} may be {@code dy}.
     */
    static void derivative(BuiltinActivation kind, BuiltinFunction f, float[] y, int yo, float[] dy, int dyo,
                           float[] dx, int dxo, float[] tmp) {
        if (kind == BuiltinActivation.SOFTPLUS) {
            // σ(z) = 1 − e^{−y} = −expm1(−y). The call comes before any vector is live: a vector
            // held across a call C2 does not inline would be boxed.
            VectorMath.expm1(y, yo, -1f, tmp, TMP2, tmp);
            FloatVector.fromArray(F, tmp, TMP2).neg().mul(FloatVector.fromArray(F, dy, dyo)).intoArray(dx, dxo);
            return;
        }
        FloatVector t = FloatVector.fromArray(F, y, yo);
        VectorMask<Float> positive = t.compare(VectorOperators.GT, 0f);
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector d = switch (kind) {
            case RELU_GENERAL -> FloatVector.broadcast(F, f.negativeSlope())
                    .blend(one.blend(0f, t.compare(VectorOperators.GE, f.maxValue())), positive);
            case LEAKY_RELU -> FloatVector.broadcast(F, f.negativeSlope()).blend(one, positive);
            case ELU -> t.add(f.alpha()).blend(one, positive);
            case SELU -> t.add(SELU_SCALE_ALPHA).blend(SELU_SCALE, positive);
            case SOFTSIGN -> {
                FloatVector m = one.sub(t.abs());
                yield m.mul(m);
            }
            case HARD_SIGMOID -> FloatVector.zero(F).blend(1f / 6f, positive.and(t.compare(VectorOperators.LT, 1f)));
            case EXPONENTIAL -> t;
            default -> throw new IllegalArgumentException(kind + " has no vector derivative from its output");
        };
        d.mul(FloatVector.fromArray(F, dy, dyo)).intoArray(dx, dxo);
    }

    /**
     * {@code dx = act'(x) ⊙ dy} for one vector, from the pre-activation {@code x}: GELU (both forms)
     * and SiLU. Results below the smallest normal float in magnitude are flushed to zero (sign
     * kept): a gradient under 2⁻¹²⁶ carries nothing, and a subnormal one would slow every multiply
     * it meets in the products of the dense backward that come next.
     */
    static void derivativeFromInput(BuiltinActivation kind, float[] x, int xo, float[] dy, int dyo,
                                    float[] dx, int dxo, float[] tmp) {
        // Every call comes before a vector is loaded: see derivative.
        FloatVector d;
        if (kind == BuiltinActivation.SILU) {
            // σ (1 + x (1 − σ))
            VectorMath.sigmoid(x, xo, tmp, TMP2, tmp);
            FloatVector v = FloatVector.fromArray(F, x, xo);
            FloatVector s = FloatVector.fromArray(F, tmp, TMP2);
            d = s.mul(v.mul(s.neg().add(1f)).add(1f));
        } else if (kind == BuiltinActivation.GELU_TANH) {
            // d/dx [x σ(2u)] = σ + x σ (1 − σ) · d(2u)/dx
            geluGate(x, xo, tmp);
            FloatVector v = FloatVector.fromArray(F, x, xo);
            FloatVector s = FloatVector.fromArray(F, tmp, TMP2);
            FloatVector slope = v.mul(v).mul(GELU_2C_CUBIC3).add(GELU_2C);
            d = v.mul(s).mul(s.neg().add(1f)).mul(slope).add(s);
        } else if (kind == BuiltinActivation.GELU) {
            // d/dx [x Φ(x)] = Φ(x) + x φ(x). With a = |x|, T = Φ(−a), G = e^{−a²/2} and
            // H = a G/√(2π) − T: d = −H for x < 0, 1 + H above, which never subtracts two values
            // near 1. Below −12.9, where |d| < 4·10⁻³⁶, d is 0.
            VectorMath.normalTail(x, xo, tmp, 0, tmp);
            FloatVector v = FloatVector.fromArray(F, x, xo);
            FloatVector a = v.abs().min(VectorMath.NORMAL_TAIL_MAX);
            FloatVector h = FloatVector.fromArray(F, tmp, TMP2).mul(a.mul(VectorMath.INV_SQRT_2PI))
                    .sub(FloatVector.fromArray(F, tmp, 0));
            d = h.add(1f).blend(h.neg(), v.compare(VectorOperators.LT, 0f))
                    .blend(0f, v.compare(VectorOperators.LT, -VectorMath.NORMAL_TAIL_MAX));
        } else {
            throw new IllegalArgumentException(kind + " has no vector derivative from its input");
        }
        FloatVector g = d.mul(FloatVector.fromArray(F, dy, dyo));
        // A compare and a bit mask: neither does arithmetic on the subnormal value.
        g.blend(g.reinterpretAsInts().and(SIGN_BIT).reinterpretAsFloats(), g.abs().compare(VectorOperators.LT, Float.MIN_NORMAL))
                .intoArray(dx, dxo);
    }
}
