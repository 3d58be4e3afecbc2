package dev.vectornn.backend.simd;

import static dev.vectornn.backend.simd.MicroKernel.MR;
import static dev.vectornn.backend.simd.MicroKernel.NR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One blocked matrix product {@code C = act(alpha · op(A) · op(B) + beta · C + bias)} over a
 * rectangle of C, Goto/BLIS style:
 *
 * <pre>
 * for jc in columns, step nc:            B block (kc × nc) packed once, lives in L3
 *   for pc in depth, step kc:            depth blocks: the only split of the reduction
 *     pack B[pc.., jc..] into NR-wide panels
 *     for ic in rows, step mc:           A block (mc × kc) packed, stays in L2
 *       pack alpha · A[ic.., pc..] into MR-high panels
 *       for jr, step NR:                 one B panel (kc × NR) stays in L1
 *         for ir, step MR:  MicroKernel.tile
 * </pre>
 *
 * Packing handles the transposes, so the micro-kernel only ever sees panels of {@code MR} adjacent
 * values of A per depth step and {@code NR} of B, and pads edges with zeros. A transposed A with
 * alpha = 1 already has that layout for A and, by the 8-row tile, is read in place (the weight gradient
 * {@code Xᵀ·dY} of every dense layer). Each element of C is summed in the same order — depth blocks of {@code kc},
 * steps in order inside a block — whatever the rectangle, {@code mc} or {@code nc}: which is why
 * splitting C into rectangles over threads never changes a bit of the result.
 */
final class PackedGemm {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;

    private PackedGemm() {
    }

    /** Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C for {@code g}. */
    static void compute(GemmCall g, int i0, int i1, int j0, int j1, Scratch s) {
        int kc = g.kc;
        int mc = g.mc;
        int nc = g.nc;
        for (int jc = j0; jc < j1; jc += nc) {
            int nb = Math.min(nc, j1 - jc);
            for (int pc = 0; pc < g.k; pc += kc) {
                int kb = Math.min(kc, g.k - pc);
                boolean first = pc == 0;
                boolean last = pc + kb >= g.k;
                float beta = first ? g.beta : 1f;
                float[] bias = first ? g.bias : null;
                dev.vectornn.spi.Activation act = last ? g.act : MicroKernel.ACT_NONE;
                float[] bp = s.packedB(kb * roundUp(nb, NR));
                packB(g, pc, kb, jc, nb, bp);
                for (int ic = i0; ic < i1; ic += mc) {
                    int mb = Math.min(mc, i1 - ic);
                    // A transposed and unscaled already holds each depth step's MR values side by
                    // side, as packing would lay them out: its whole-tile rows are read in place
                    // (lda apart), and only an edge panel is packed. Same values, same bits. Only
                    // the 8-row tile takes a stride (see MicroKernel.READS_A_IN_PLACE).
                    int inPlace = MicroKernel.READS_A_IN_PLACE && g.transA && g.alpha == 1f ? mb / MR * MR : 0;
                    float[] ap = s.packedA(kb * roundUp(mb - inPlace, MR));
                    if (inPlace < mb) {
                        packA(g, ic + inPlace, mb - inPlace, pc, kb, ap);
                    }
                    for (int jr = 0; jr < nb; jr += NR) {
                        int cols = Math.min(NR, nb - jr);
                        int bi = jr * kb;
                        int biasAt = g.biasOff + jc + jr;
                        for (int ir = 0; ir < mb; ir += MR) {
                            int rows = Math.min(MR, mb - ir);
                            int ci = g.cOff + (ic + ir) * g.ldc + jc + jr;
                            float[] a = ir < inPlace ? g.a : ap;
                            int ai = ir < inPlace ? g.aOff + pc * g.lda + ic + ir : (ir - inPlace) * kb;
                            int as = ir < inPlace ? g.lda : MR;
                            if (rows == MR && cols == NR) {
                                MicroKernel.tile(kb, a, ai, as, bp, bi, g.c, ci, g.ldc, beta, bias, biasAt, act, s.math);
                            } else {
                                edgeTile(kb, a, ai, as, bp, bi, g.c, ci, g.ldc, rows, cols,
                                        beta, bias, biasAt, act, s);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A tile cut by the edge of C: run the same micro-kernel on a padded copy, so that edge
     * elements get exactly the arithmetic interior ones get, then copy the valid part back.
     */
    private static void edgeTile(int kb, float[] ap, int ai, int as, float[] bp, int bi, float[] c, int ci, int ldc,
                                 int rows, int cols, float beta, float[] bias, int biasAt, dev.vectornn.spi.Activation act, Scratch s) {
        float[] t = s.tile;
        if (beta != 0f) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, ci + r * ldc, t, r * NR, cols);
            }
        }
        float[] tb = null;
        if (bias != null) {
            tb = s.tileBias;
            System.arraycopy(bias, biasAt, tb, 0, cols);
        }
        MicroKernel.tile(kb, ap, ai, as, bp, bi, t, 0, NR, beta, tb, 0, act, s.math);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(t, r * NR, c, ci + r * ldc, cols);
        }
    }

    /** Packs {@code alpha · op(A)[ic .. ic+mb, pc .. pc+kb]} into MR-high panels, zero-padded. */
    private static void packA(GemmCall g, int ic, int mb, int pc, int kb, float[] ap) {
        float alpha = g.alpha;
        float[] a = g.a;
        int lda = g.lda;
        int idx = 0;
        for (int ir = 0; ir < mb; ir += MR) {
            int rows = Math.min(MR, mb - ir);
            if (!g.transA && rows == MR) {
                int r0 = g.aOff + (ic + ir) * lda + pc;
                for (int p = 0; p < kb; p++, idx += MR) {
                    for (int i = 0, at = r0 + p; i < MR; i++, at += lda) {
                        ap[idx + i] = alpha * a[at];
                    }
                }
            } else if (g.transA && rows == MR) {
                int at = g.aOff + pc * lda + ic + ir;
                for (int p = 0; p < kb; p++, idx += MR, at += lda) {
                    for (int i = 0; i < MR; i++) {
                        ap[idx + i] = alpha * a[at + i];
                    }
                }
            } else {
                for (int p = 0; p < kb; p++, idx += MR) {
                    for (int i = 0; i < MR; i++) {
                        int row = ic + ir + i;
                        int col = pc + p;
                        ap[idx + i] = i >= rows ? 0f
                                : alpha * (g.transA ? a[g.aOff + col * lda + row] : a[g.aOff + row * lda + col]);
                    }
                }
            }
        }
    }

    /** Packs {@code op(B)[pc .. pc+kb, jc .. jc+nb]} into NR-wide panels, zero-padded. */
    private static void packB(GemmCall g, int pc, int kb, int jc, int nb, float[] bp) {
        float[] b = g.b;
        int ldb = g.ldb;
        for (int jr = 0; jr < nb; jr += NR) {
            int cols = Math.min(NR, nb - jr);
            int base = jr * kb;
            if (!g.transB) {
                int src = g.bOff + pc * ldb + jc + jr;
                if (cols == NR) {
                    // A row of a panel is a few vectors: copied as vectors, not by a call to the
                    // arraycopy stub per row, which cost more than the copy itself.
                    for (int p = 0, dst = base; p < kb; p++, src += ldb, dst += NR) {
                        for (int v = 0; v < NR; v += L) {
                            FloatVector.fromArray(F, b, src + v).intoArray(bp, dst + v);
                        }
                    }
                    continue;
                }
                for (int p = 0; p < kb; p++, src += ldb) {
                    int dst = base + p * NR;
                    System.arraycopy(b, src, bp, dst, cols);
                    for (int j = cols; j < NR; j++) {
                        bp[dst + j] = 0f;
                    }
                }
            } else {
                // op(B)[p][j] = B[j][p]: copy four stored rows at a time down the panel, so that
                // reads are four sequential streams and each step writes four adjacent floats.
                int src = g.bOff + (jc + jr) * ldb + pc;
                int j = 0;
                for (; j + 4 <= cols; j += 4) {
                    int s0 = src + j * ldb;
                    int s1 = s0 + ldb;
                    int s2 = s1 + ldb;
                    int s3 = s2 + ldb;
                    for (int p = 0, d = base + j; p < kb; p++, d += NR) {
                        bp[d] = b[s0 + p];
                        bp[d + 1] = b[s1 + p];
                        bp[d + 2] = b[s2 + p];
                        bp[d + 3] = b[s3 + p];
                    }
                }
                for (; j < cols; j++) {
                    int s0 = src + j * ldb;
                    for (int p = 0, d = base + j; p < kb; p++, d += NR) {
                        bp[d] = b[s0 + p];
                    }
                }
                for (int p = 0, d = base; p < kb && cols < NR; p++, d += NR) {
                    for (int jj = cols; jj < NR; jj++) {
                        bp[d + jj] = 0f;
                    }
                }
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** Per-thread packing buffers; they only grow, so steady state allocates nothing. */
    static final class Scratch {
        private float[] a = new float[0];
        private float[] b = new float[0];
        final float[] tile = new float[MR * NR];
        final float[] tileBias = new float[NR];
        /** {@link VectorMath}'s scratch, and where accumulators are stored to be summed. */
        final float[] math = new float[VectorMath.TMP];
        /** Two vectors of running sums for row reductions that must not keep vector accumulators (see {@code VectorOps.softmaxRow}). */
        final float[] rowSums = new float[2 * Lanes.L];

        float[] packedA(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] packedB(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }
}
