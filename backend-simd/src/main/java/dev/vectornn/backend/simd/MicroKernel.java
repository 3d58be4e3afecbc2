package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM's innermost piece: a {@value #MR} × {@code NR} tile of C ({@code NR} = two vectors)
 * held in eight independent accumulators while it walks one packed panel of A and one of B.
 *
 * <p>Eight chains cover the FMA's four-cycle latency on both of Zen 4's FMA pipes; per step it
 * loads two vectors of B and broadcasts {@value #MR} values of A, so loads never limit it. The
 * epilogue ({@link #storeRow}) combines the sums with C, adds the bias and applies the activation
 * while the values are still in registers: that is the fused dense forward.
 */
final class MicroKernel {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;
    private static final boolean FMA = Lanes.FMA;

    /** Rows of C per tile. */
    static final int MR = 4;
    /** Columns of C per tile: two vectors. */
    static final int NR = 2 * L;

    /** Activation codes the epilogue understands (softmax is row-wise, so it is done after). */
    static final int ACT_NONE = 0;
    static final int ACT_RELU = 1;
    static final int ACT_SIGMOID = 2;
    static final int ACT_TANH = 3;

    private MicroKernel() {
    }

    /** The epilogue code of an activation; softmax (row-wise) maps to none and is applied afterwards. */
    static int code(Activation act) {
        return switch (act) {
            case RELU -> ACT_RELU;
            case SIGMOID -> ACT_SIGMOID;
            case TANH -> ACT_TANH;
            case LINEAR, SOFTMAX -> ACT_NONE;
        };
    }

    /** The activation of an epilogue code. */
    static Activation activation(int code) {
        return switch (code) {
            case ACT_RELU -> Activation.RELU;
            case ACT_SIGMOID -> Activation.SIGMOID;
            case ACT_TANH -> Activation.TANH;
            default -> Activation.LINEAR;
        };
    }

    /**
     * Computes one full tile: {@code S = Σ_p ap[p] ⊗ bp[p]} over {@code kc} steps, then stores
     * row by row through {@link #storeRow}.
     *
     * @param ap   packed A panel, {@code kc} groups of {@value #MR} values (alpha already applied)
     * @param ai   where the panel starts in {@code ap}
     * @param bp   packed B panel, {@code kc} groups of {@code NR} values
     * @param bi   where the panel starts in {@code bp}
     * @param c    the output; tile row {@code r} starts at {@code ci + r·ldc}
     * @param beta 0: overwrite C; 1: add to C; otherwise {@code beta·C + S}
     * @param bias added to every row when non-null (first depth block only)
     * @param act  activation applied after everything else (last depth block only)
     */
    static void tile(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                     float beta, float[] bias, int biasOff, int act) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        int a = ai;
        int b = bi;
        for (int p = 0; p < kc; p++, a += MR, b += NR) {
            FloatVector b0 = FloatVector.fromArray(F, bp, b);
            FloatVector b1 = FloatVector.fromArray(F, bp, b + L);
            FloatVector a0 = FloatVector.broadcast(F, ap[a]);
            c00 = madd(a0, b0, c00);
            c01 = madd(a0, b1, c01);
            FloatVector a1 = FloatVector.broadcast(F, ap[a + 1]);
            c10 = madd(a1, b0, c10);
            c11 = madd(a1, b1, c11);
            FloatVector a2 = FloatVector.broadcast(F, ap[a + 2]);
            c20 = madd(a2, b0, c20);
            c21 = madd(a2, b1, c21);
            FloatVector a3 = FloatVector.broadcast(F, ap[a + 3]);
            c30 = madd(a3, b0, c30);
            c31 = madd(a3, b1, c31);
        }
        storeRow(c00, c01, c, ci, beta, bias, biasOff, act);
        storeRow(c10, c11, c, ci + ldc, beta, bias, biasOff, act);
        storeRow(c20, c21, c, ci + 2 * ldc, beta, bias, biasOff, act);
        storeRow(c30, c31, c, ci + 3 * ldc, beta, bias, biasOff, act);
    }

    private static FloatVector madd(FloatVector a, FloatVector b, FloatVector acc) {
        return FMA ? a.fma(b, acc) : a.mul(b).add(acc);
    }

    /** The epilogue for one tile row of two vectors. */
    private static void storeRow(FloatVector s0, FloatVector s1, float[] c, int ci,
                                 float beta, float[] bias, int biasOff, int act) {
        FloatVector v0 = s0;
        FloatVector v1 = s1;
        if (beta != 0f) {
            FloatVector o0 = FloatVector.fromArray(F, c, ci);
            FloatVector o1 = FloatVector.fromArray(F, c, ci + L);
            if (beta != 1f) {
                o0 = o0.mul(beta);
                o1 = o1.mul(beta);
            }
            v0 = o0.add(v0);
            v1 = o1.add(v1);
        }
        if (bias != null) {
            v0 = v0.add(FloatVector.fromArray(F, bias, biasOff));
            v1 = v1.add(FloatVector.fromArray(F, bias, biasOff + L));
        }
        if (act != ACT_NONE) {
            v0 = activate(v0, act);
            v1 = activate(v1, act);
        }
        v0.intoArray(c, ci);
        v1.intoArray(c, ci + L);
    }

    /** Applies an activation code to one vector. */
    static FloatVector activate(FloatVector v, int act) {
        return switch (act) {
            case ACT_RELU -> v.max(0f);
            case ACT_SIGMOID -> sigmoid(v);
            case ACT_TANH -> v.lanewise(VectorOperators.TANH);
            default -> v;
        };
    }

    /** {@code 1 / (1 + e^-z)}: e^-z overflows to infinity for z below about -88, giving exactly 0. */
    static FloatVector sigmoid(FloatVector z) {
        FloatVector e = z.neg().lanewise(VectorOperators.EXP);
        return FloatVector.broadcast(F, 1f).div(e.add(1f));
    }
}
