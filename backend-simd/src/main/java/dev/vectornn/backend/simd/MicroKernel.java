package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM's innermost piece: a {@code MR} × {@code NR} tile of C ({@code NR} = two vectors, or
 * three in the 4 × 3 tile) held in {@code NV·MR} independent accumulators while it walks one packed panel of A and one of B.
 *
 * <p>{@code 2·MR} independent chains (8 with MR = 4 on 16-register CPUs, 16 with MR = 8 on
 * 32-register ones) cover the FMA's (or add's) latency on two pipes; per step it loads two
 * vectors of B and broadcasts {@code MR} values of A, so loads never limit it. The
 * epilogue combines the sums with C and adds the bias while they are still in registers, then
 * applies the activation to the tile while it is still in L1: that is the fused dense forward.
 */
final class MicroKernel {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;
    private static final boolean FMA = Lanes.FMA;

    /** Rows of C per tile, 4, 6 or 8: chosen from the register file by {@link KernelShape}. */
    static final int MR = KernelShape.MR;
    /** Vectors per tile row, 2, or 3 with {@code MR = 4}: chosen with {@link #MR} by {@link KernelShape}. */
    static final int NV = KernelShape.NV;
    /** Columns of C per tile: {@link #NV} vectors. */
    static final int NR = NV * L;

    /**
     * Whether the tile can read a transposed A in place, its depth steps {@code as} floats apart.
     * Only the 8-row tile (32 registers) does: the stride is then a variable, so C2 cannot prove
     * the loop's A reads in bounds and keeps two range checks in every step. On 16-register CPUs
     * the loop is bound by how many instructions it issues, not by FMAs, and those checks cost
     * 3 % of a large product on Zen 3 (bench/TUNING.md), more than the packing they save; there A
     * is always packed, {@code MR} floats per step, a constant stride that C2 checks once.
     */
    static final boolean READS_A_IN_PLACE = MR == 8 && NV == 2;

    /** No activation in the epilogue; otherwise it is an element-wise built-in, see {@link Epilogue}. */
    static final Activation ACT_NONE = Activation.LINEAR;

    private MicroKernel() {
    }

    /**
     * Computes one full tile: {@code S = Σ_p ap[p] ⊗ bp[p]} over {@code kc} steps, then stores
     * {@code beta·C + S + bias} and, if {@code act} asks for it, applies the activation to the
     * tile while it is still in L1.
     *
     * <p>The epilogue is written out in this method rather than in helpers taking vectors: a
     * vector passed to a method C2 does not inline is boxed, which would allocate per tile.
     *
     * @param ap   A panel: {@code kc} groups of {@code MR} adjacent values (alpha already applied),
     *             packed or, for a transposed A, read in place
     * @param ai   where the panel starts in {@code ap}
     * @param as   how far apart the groups are: {@code MR} when packed, A's leading dimension in place
     *             (only where {@link #READS_A_IN_PLACE}; the other tiles step by {@code MR})
     * @param bp   packed B panel, {@code kc} groups of {@code NR} values
     * @param bi   where the panel starts in {@code bp}
     * @param c    the output; tile row {@code r} starts at {@code ci + r·ldc}
     * @param beta 0: overwrite C without reading it; otherwise {@code beta·C + S}
     * @param bias added to every row when non-null (first depth block only)
     * @param act  activation applied after everything else (last depth block only), see {@link Epilogue}
     * @param tmp  scratch for {@link VectorMath}, at least {@link VectorMath#TMP} floats
     */
    static void tile(int kc, float[] ap, int ai, int as, float[] bp, int bi, float[] c, int ci, int ldc,
                     float beta, float[] bias, int biasOff, Activation act, float[] tmp) {
        // MR is a constant, so C2 keeps exactly one of these calls.
        if (NV == 3) {
            tile4x3(kc, ap, ai, bp, bi, c, ci, ldc, beta, bias, biasOff, act, tmp);
            return;
        }
        switch (MR) {
            case 4 -> tile4(kc, ap, ai, bp, bi, c, ci, ldc, beta, bias, biasOff, act, tmp);
            case 6 -> tile6(kc, ap, ai, bp, bi, c, ci, ldc, beta, bias, biasOff, act, tmp);
            default -> tile8(kc, ap, ai, as, bp, bi, c, ci, ldc, beta, bias, biasOff, act, tmp);
        }
    }

    /** The 4-row tile; see {@link #tile}. */
    private static void tile4(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                              float beta, float[] bias, int biasOff, Activation act, float[] tmp) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
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
        int r0 = ci;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        if (beta != 0f) {
            // beta·C + S; with beta = 1 the multiply is exact, so no special case is needed.
            c00 = FloatVector.fromArray(F, c, r0).mul(beta).add(c00);
            c01 = FloatVector.fromArray(F, c, r0 + L).mul(beta).add(c01);
            c10 = FloatVector.fromArray(F, c, r1).mul(beta).add(c10);
            c11 = FloatVector.fromArray(F, c, r1 + L).mul(beta).add(c11);
            c20 = FloatVector.fromArray(F, c, r2).mul(beta).add(c20);
            c21 = FloatVector.fromArray(F, c, r2 + L).mul(beta).add(c21);
            c30 = FloatVector.fromArray(F, c, r3).mul(beta).add(c30);
            c31 = FloatVector.fromArray(F, c, r3 + L).mul(beta).add(c31);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        if (act != ACT_NONE) {
            Epilogue.tile(c, ci, ldc, MR, act, tmp);
        }
    }

    /** The 6-row tile; see {@link #tile}. */
    private static void tile6(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                              float beta, float[] bias, int biasOff, Activation act, float[] tmp) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        FloatVector c40 = zero;
        FloatVector c41 = zero;
        FloatVector c50 = zero;
        FloatVector c51 = zero;
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
            FloatVector a4 = FloatVector.broadcast(F, ap[a + 4]);
            c40 = FMA ? a4.fma(b0, c40) : a4.mul(b0).add(c40);
            c41 = FMA ? a4.fma(b1, c41) : a4.mul(b1).add(c41);
            FloatVector a5 = FloatVector.broadcast(F, ap[a + 5]);
            c50 = FMA ? a5.fma(b0, c50) : a5.mul(b0).add(c50);
            c51 = FMA ? a5.fma(b1, c51) : a5.mul(b1).add(c51);
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
            c40 = c40.add(bias0);
            c41 = c41.add(bias1);
            c50 = c50.add(bias0);
            c51 = c51.add(bias1);
        }
        int r0 = ci;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        if (beta != 0f) {
            // beta·C + S; with beta = 1 the multiply is exact, so no special case is needed.
            c00 = FloatVector.fromArray(F, c, r0).mul(beta).add(c00);
            c01 = FloatVector.fromArray(F, c, r0 + L).mul(beta).add(c01);
            c10 = FloatVector.fromArray(F, c, r1).mul(beta).add(c10);
            c11 = FloatVector.fromArray(F, c, r1 + L).mul(beta).add(c11);
            c20 = FloatVector.fromArray(F, c, r2).mul(beta).add(c20);
            c21 = FloatVector.fromArray(F, c, r2 + L).mul(beta).add(c21);
            c30 = FloatVector.fromArray(F, c, r3).mul(beta).add(c30);
            c31 = FloatVector.fromArray(F, c, r3 + L).mul(beta).add(c31);
            c40 = FloatVector.fromArray(F, c, r4).mul(beta).add(c40);
            c41 = FloatVector.fromArray(F, c, r4 + L).mul(beta).add(c41);
            c50 = FloatVector.fromArray(F, c, r5).mul(beta).add(c50);
            c51 = FloatVector.fromArray(F, c, r5 + L).mul(beta).add(c51);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        if (act != ACT_NONE) {
            Epilogue.tile(c, ci, ldc, MR, act, tmp);
        }
    }

    /** The 8-row tile; see {@link #tile}. */
    private static void tile8(int kc, float[] ap, int ai, int as, float[] bp, int bi, float[] c, int ci, int ldc,
                              float beta, float[] bias, int biasOff, Activation act, float[] tmp) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        FloatVector c40 = zero;
        FloatVector c41 = zero;
        FloatVector c50 = zero;
        FloatVector c51 = zero;
        FloatVector c60 = zero;
        FloatVector c61 = zero;
        FloatVector c70 = zero;
        FloatVector c71 = zero;
        int a = ai;
        int b = bi;
        for (int p = 0; p < kc; p++, a += as, b += NR) {
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
            FloatVector a4 = FloatVector.broadcast(F, ap[a + 4]);
            c40 = FMA ? a4.fma(b0, c40) : a4.mul(b0).add(c40);
            c41 = FMA ? a4.fma(b1, c41) : a4.mul(b1).add(c41);
            FloatVector a5 = FloatVector.broadcast(F, ap[a + 5]);
            c50 = FMA ? a5.fma(b0, c50) : a5.mul(b0).add(c50);
            c51 = FMA ? a5.fma(b1, c51) : a5.mul(b1).add(c51);
            FloatVector a6 = FloatVector.broadcast(F, ap[a + 6]);
            c60 = FMA ? a6.fma(b0, c60) : a6.mul(b0).add(c60);
            c61 = FMA ? a6.fma(b1, c61) : a6.mul(b1).add(c61);
            FloatVector a7 = FloatVector.broadcast(F, ap[a + 7]);
            c70 = FMA ? a7.fma(b0, c70) : a7.mul(b0).add(c70);
            c71 = FMA ? a7.fma(b1, c71) : a7.mul(b1).add(c71);
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
            c40 = c40.add(bias0);
            c41 = c41.add(bias1);
            c50 = c50.add(bias0);
            c51 = c51.add(bias1);
            c60 = c60.add(bias0);
            c61 = c61.add(bias1);
            c70 = c70.add(bias0);
            c71 = c71.add(bias1);
        }
        int r0 = ci;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        int r6 = r5 + ldc;
        int r7 = r6 + ldc;
        if (beta != 0f) {
            // beta·C + S; with beta = 1 the multiply is exact, so no special case is needed.
            c00 = FloatVector.fromArray(F, c, r0).mul(beta).add(c00);
            c01 = FloatVector.fromArray(F, c, r0 + L).mul(beta).add(c01);
            c10 = FloatVector.fromArray(F, c, r1).mul(beta).add(c10);
            c11 = FloatVector.fromArray(F, c, r1 + L).mul(beta).add(c11);
            c20 = FloatVector.fromArray(F, c, r2).mul(beta).add(c20);
            c21 = FloatVector.fromArray(F, c, r2 + L).mul(beta).add(c21);
            c30 = FloatVector.fromArray(F, c, r3).mul(beta).add(c30);
            c31 = FloatVector.fromArray(F, c, r3 + L).mul(beta).add(c31);
            c40 = FloatVector.fromArray(F, c, r4).mul(beta).add(c40);
            c41 = FloatVector.fromArray(F, c, r4 + L).mul(beta).add(c41);
            c50 = FloatVector.fromArray(F, c, r5).mul(beta).add(c50);
            c51 = FloatVector.fromArray(F, c, r5 + L).mul(beta).add(c51);
            c60 = FloatVector.fromArray(F, c, r6).mul(beta).add(c60);
            c61 = FloatVector.fromArray(F, c, r6 + L).mul(beta).add(c61);
            c70 = FloatVector.fromArray(F, c, r7).mul(beta).add(c70);
            c71 = FloatVector.fromArray(F, c, r7 + L).mul(beta).add(c71);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + L);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + L);
        if (act != ACT_NONE) {
            Epilogue.tile(c, ci, ldc, MR, act, tmp);
        }
    }

    /** The 4-row, 3-vector tile; see {@link #tile}. */
    private static void tile4x3(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                              float beta, float[] bias, int biasOff, Activation act, float[] tmp) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c02 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c12 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c22 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        FloatVector c32 = zero;
        int a = ai;
        int b = bi;
        for (int p = 0; p < kc; p++, a += MR, b += NR) {
            FloatVector b0 = FloatVector.fromArray(F, bp, b);
            FloatVector b1 = FloatVector.fromArray(F, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(F, bp, b + 2 * L);
            FloatVector a0 = FloatVector.broadcast(F, ap[a]);
            c00 = FMA ? a0.fma(b0, c00) : a0.mul(b0).add(c00);
            c01 = FMA ? a0.fma(b1, c01) : a0.mul(b1).add(c01);
            c02 = FMA ? a0.fma(b2, c02) : a0.mul(b2).add(c02);
            FloatVector a1 = FloatVector.broadcast(F, ap[a + 1]);
            c10 = FMA ? a1.fma(b0, c10) : a1.mul(b0).add(c10);
            c11 = FMA ? a1.fma(b1, c11) : a1.mul(b1).add(c11);
            c12 = FMA ? a1.fma(b2, c12) : a1.mul(b2).add(c12);
            FloatVector a2 = FloatVector.broadcast(F, ap[a + 2]);
            c20 = FMA ? a2.fma(b0, c20) : a2.mul(b0).add(c20);
            c21 = FMA ? a2.fma(b1, c21) : a2.mul(b1).add(c21);
            c22 = FMA ? a2.fma(b2, c22) : a2.mul(b2).add(c22);
            FloatVector a3 = FloatVector.broadcast(F, ap[a + 3]);
            c30 = FMA ? a3.fma(b0, c30) : a3.mul(b0).add(c30);
            c31 = FMA ? a3.fma(b1, c31) : a3.mul(b1).add(c31);
            c32 = FMA ? a3.fma(b2, c32) : a3.mul(b2).add(c32);
        }
        if (bias != null) {
            FloatVector bias0 = FloatVector.fromArray(F, bias, biasOff);
            FloatVector bias1 = FloatVector.fromArray(F, bias, biasOff + L);
            FloatVector bias2 = FloatVector.fromArray(F, bias, biasOff + 2 * L);
            c00 = c00.add(bias0);
            c01 = c01.add(bias1);
            c02 = c02.add(bias2);
            c10 = c10.add(bias0);
            c11 = c11.add(bias1);
            c12 = c12.add(bias2);
            c20 = c20.add(bias0);
            c21 = c21.add(bias1);
            c22 = c22.add(bias2);
            c30 = c30.add(bias0);
            c31 = c31.add(bias1);
            c32 = c32.add(bias2);
        }
        int r0 = ci;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        if (beta != 0f) {
            // beta·C + S; with beta = 1 the multiply is exact, so no special case is needed.
            c00 = FloatVector.fromArray(F, c, r0).mul(beta).add(c00);
            c01 = FloatVector.fromArray(F, c, r0 + L).mul(beta).add(c01);
            c02 = FloatVector.fromArray(F, c, r0 + 2 * L).mul(beta).add(c02);
            c10 = FloatVector.fromArray(F, c, r1).mul(beta).add(c10);
            c11 = FloatVector.fromArray(F, c, r1 + L).mul(beta).add(c11);
            c12 = FloatVector.fromArray(F, c, r1 + 2 * L).mul(beta).add(c12);
            c20 = FloatVector.fromArray(F, c, r2).mul(beta).add(c20);
            c21 = FloatVector.fromArray(F, c, r2 + L).mul(beta).add(c21);
            c22 = FloatVector.fromArray(F, c, r2 + 2 * L).mul(beta).add(c22);
            c30 = FloatVector.fromArray(F, c, r3).mul(beta).add(c30);
            c31 = FloatVector.fromArray(F, c, r3 + L).mul(beta).add(c31);
            c32 = FloatVector.fromArray(F, c, r3 + 2 * L).mul(beta).add(c32);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c02.intoArray(c, r0 + 2 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        if (act != ACT_NONE) {
            epilogue(c, ci, ldc, act, tmp);
        }
    }

    /**
     * The activation over a 3-vector tile just stored: {@link Epilogue} takes two vectors per row,
     * the third goes through its row form.
     */
    private static void epilogue(float[] c, int ci, int ldc, Activation act, float[] tmp) {
        Epilogue.tile(c, ci, ldc, MR, act, tmp);
        for (int r = 0, at = ci + 2 * L; r < MR; r++, at += ldc) {
            Epilogue.row(c, at, L, act, tmp);
        }
    }
}
