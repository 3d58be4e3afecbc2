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
 * epilogue combines the sums with C and adds the bias while they are still in registers, then
 * applies the activation to the tile while it is still in L1: that is the fused dense forward.
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
     * {@code beta·C + S + bias} and, if {@code act} asks for it, applies the activation to the
     * tile while it is still in L1.
     *
     * <p>The epilogue is written out in this method rather than in helpers taking vectors: a
     * vector passed to a method C2 does not inline is boxed, which would allocate per tile.
     *
     * @param ap   packed A panel, {@code kc} groups of {@value #MR} values (alpha already applied)
     * @param ai   where the panel starts in {@code ap}
     * @param bp   packed B panel, {@code kc} groups of {@code NR} values
     * @param bi   where the panel starts in {@code bp}
     * @param c    the output; tile row {@code r} starts at {@code ci + r·ldc}
     * @param beta 0: overwrite C without reading it; otherwise {@code beta·C + S}
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
            c00 = FMA ? a0.fma(b0, c00) : a0.mul(b0).add(c00);
            c01 = FMA ? a0.fma(b1, c01) : a0.mul(b1).add(c01);
            FloatVector a1 = FloatVector.broadcast(F, ap[a + 1]);
            c10 = FMA ? a1.fma(b0, c10) : a1.mul(b0).add(c10);
            c11 = FMA ? a1.fma(b1, c11) : a1.mul(b1).add(c11);
            FloatVector a2 = FloatVector.broadcast(F, ap[a + 2]);
            c20 = FMA ? a2.fma(b0, c20) : a2.mul(b0).add(c20);
            c21 = FMA ? a2.fma(b1, c21) : a2.mul(b1).add(c21);
            FloatVector a3 = FloatVector.broadcast(F, ap[a + 3]);
            c30 = FMA ? a3.fma(b0, c30) : a3.mul(b0).add(c30);
            c31 = FMA ? a3.fma(b1, c31) : a3.mul(b1).add(c31);
        }
        if (bias != null) {
            FloatVector bias0 = FloatVector.fromArray(F, bias, biasOff);
            FloatVector bias1 = FloatVector.fromArray(F, bias, biasOff + L);
            c00 = c00.add(bias0);
            c01 = c01.add(bias1);
            c10 = c10.add(bias0);
            c11 = c11.add(bias1);
            c20 = c20.add(bias0);
            c21 = c21.add(bias1);
            c30 = c30.add(bias0);
            c31 = c31.add(bias1);
        }
        int r1 = ci + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        if (beta != 0f) {
            // beta·C + S; with beta = 1 the multiply is exact, so no special case is needed.
            c00 = FloatVector.fromArray(F, c, ci).mul(beta).add(c00);
            c01 = FloatVector.fromArray(F, c, ci + L).mul(beta).add(c01);
            c10 = FloatVector.fromArray(F, c, r1).mul(beta).add(c10);
            c11 = FloatVector.fromArray(F, c, r1 + L).mul(beta).add(c11);
            c20 = FloatVector.fromArray(F, c, r2).mul(beta).add(c20);
            c21 = FloatVector.fromArray(F, c, r2 + L).mul(beta).add(c21);
            c30 = FloatVector.fromArray(F, c, r3).mul(beta).add(c30);
            c31 = FloatVector.fromArray(F, c, r3 + L).mul(beta).add(c31);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        if (act != ACT_NONE) {
            activateTile(c, ci, ldc, act);
        }
    }

    /** Applies the activation to a tile just stored (still in L1). */
    private static void activateTile(float[] c, int ci, int ldc, int act) {
        for (int r = 0, at = ci; r < MR; r++, at += ldc) {
            switch (act) {
                case ACT_RELU -> {
                    FloatVector.fromArray(F, c, at).max(0f).intoArray(c, at);
                    FloatVector.fromArray(F, c, at + L).max(0f).intoArray(c, at + L);
                }
                case ACT_SIGMOID -> {
                    sigmoid(c, at);
                    sigmoid(c, at + L);
                }
                case ACT_TANH -> {
                    FloatVector.fromArray(F, c, at).lanewise(VectorOperators.TANH).intoArray(c, at);
                    FloatVector.fromArray(F, c, at + L).lanewise(VectorOperators.TANH).intoArray(c, at + L);
                }
                default -> {
                }
            }
        }
    }

    /** Sigmoid of one vector in place, in memory (no vector crosses a call). */
    static void sigmoid(float[] v, int at) {
        FloatVector e = FloatVector.fromArray(F, v, at).neg().lanewise(VectorOperators.EXP);
        FloatVector.broadcast(F, 1f).div(e.add(1f)).intoArray(v, at);
    }

}
