package dev.vectornn.backend.simd;

import dev.vectornn.spi.BuiltinFunction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One vector of a built-in activation, its derivative from the output, or (GELU's tanh form,
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

    /** {@code tmp[TMP2 ..] = σ(2u)}, GELU's tanh-form gate {@code 0.5 (1 + tanh u)}, for one vector of x. */
    private static void geluGate(float[] x, int xo, float[] tmp) {
        FloatVector v = FloatVector.fromArray(F, x, xo);
        v.mul(v).mul(GELU_2C_CUBIC).add(GELU_2C).mul(v).intoArray(tmp, TMP2);
        VectorMath.sigmoid(tmp, TMP2, tmp, TMP2, tmp);
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

    /** {@code dx = act'(x) ⊙ dy} for one vector, from the pre-activation {@code x}: GELU's tanh form and SiLU. */
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
        } else {
            throw new IllegalArgumentException(kind + " has no vector derivative from its input");
        }
        d.mul(FloatVector.fromArray(F, dy, dyo)).intoArray(dx, dxo);
    }
}
