package dev.vectornn.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.vectornn.backend.Backends;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import java.util.Random;

/** The fused dense kernels of the SIMD backend against the scalar reference, for every activation. */
class DenseEquivalenceTest {

    private static final Kernels SIMD = Backends.named("simd").kernels();
    private static final Kernels REFERENCE = Backends.named("scalar").kernels();
    private static final Activation[] ACTIVATIONS = ActivationTolerance.FUSED.toArray(new Activation[0]);

    /** One layer; {@code flags}: bit 0 bias present, bit 1 db present, bit 2 dx present. */
    record Case(int batch, int in, int out, Activation act, int flags, long seed) {
    }

    @Test
    void forwardAgreesWithTheReference() {
        qt().withExamples(150).withFixedSeed(7)
                .forAll(Shapes.size(), Shapes.size(), Shapes.size(),
                        Generate.pick(ActivationTolerance.FUSED).zip(Generate.range(0, 7), Shapes.seed(),
                                (a, f, s) -> new Object[] {a, f, s}))
                .checkAssert((b, i, o, x) -> forward(new Case(b, i, o, (Activation) x[0], (Integer) x[1], (Long) x[2])));
    }

    @Test
    void backwardAgreesWithTheReference() {
        qt().withExamples(150).withFixedSeed(8)
                .forAll(Shapes.size(), Shapes.size(), Shapes.size(),
                        Generate.pick(ActivationTolerance.FUSED).zip(Generate.range(0, 7), Shapes.seed(),
                                (a, f, s) -> new Object[] {a, f, s}))
                .checkAssert((b, i, o, x) -> backward(new Case(b, i, o, (Activation) x[0], (Integer) x[1], (Long) x[2])));
    }

    @Test
    void largeLayersAgreeWithTheReference() {
        forward(new Case(129, 300, 257, Activation.SOFTMAX, 1, 1));
        backward(new Case(129, 300, 257, Activation.TANH, 7, 2));
        for (int a = 0; a < ACTIVATIONS.length; a++) {
            forward(new Case(37, 131, 100, ACTIVATIONS[a], 1, a));
            backward(new Case(37, 131, 100, ACTIVATIONS[a], 7, a));
        }
    }

    /**
     * The forward of the activations whose derivative needs the input, applied in the GEMM
     * epilogue when a caller passes them to {@code denseForward} (the model does not: it keeps the
     * pre-activation and runs them element-wise), over the packed and the single-row products.
     */
    @Test
    void forwardOfTheInputDependentActivationsAgreesWithTheReference() {
        for (int a = 0; a < ActivationTolerance.FROM_INPUT.size(); a++) {
            Activation act = ActivationTolerance.FROM_INPUT.get(a);
            forward(new Case(37, 131, 100, act, 1, 30 + a));
            forward(new Case(1, 300, 263, act, 1, 40 + a));
            forward(new Case(9, 17, 33, act, 0, 50 + a));
        }
    }

    /**
     * One sample through a wide layer with a bias, for every activation: the single-row kernel
     * (no packing) and its bias and activation tail past the last whole group of four vectors, then
     * back through the dot-product path of {@code dX = dZ·Wᵀ}.
     */
    @Test
    void oneSampleThroughAWideLayerWithABiasAgreesWithTheReference() {
        for (int a = 0; a < ACTIVATIONS.length; a++) {
            forward(new Case(1, 300, 263, ACTIVATIONS[a], 1, 10 + a));
            backward(new Case(1, 300, 263, ACTIVATIONS[a], 7, 20 + a));
        }
    }

    /** The pre-activation's error bound per element: a sum over {@code in} terms plus the bias. */
    static void forward(Case c) {
        Random r = new Random(c.seed());
        int batch = c.batch();
        int in = c.in();
        int out = c.out();
        int ldx = Data.leadingDimension(r, in);
        int ldy = Data.leadingDimension(r, out);
        int xOff = Data.offset(r);
        int wOff = Data.offset(r);
        int bOff = Data.offset(r);
        int yOff = Data.offset(r);
        float[] x = Data.matrix(r, xOff, batch, ldx);
        float[] w = Data.matrix(r, wOff, in, out);
        float[] bias = (c.flags() & 1) != 0 ? Data.uniform(r, bOff + out + 2) : null;
        float[] y0 = Data.matrix(r, yOff, batch, ldy);
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < out; j++) {
                y0[yOff + i * ldy + j] = Float.NaN; // overwritten, never read
            }
        }
        float[] simd = y0.clone();
        float[] reference = y0.clone();
        SIMD.denseForward(batch, in, out, x, xOff, ldx, w, wOff, bias, bOff, c.act(), simd, yOff, ldy);
        REFERENCE.denseForward(batch, in, out, x, xOff, ldx, w, wOff, bias, bOff, c.act(), reference, yOff, ldy);
        float[] z = y0.clone();
        REFERENCE.denseForward(batch, in, out, x, xOff, ldx, w, wOff, bias, bOff, Activation.LINEAR, z, yOff, ldy);
        String shape = c + " ldx=" + ldx + " ldy=" + ldy;
        assertOutsideUnchanged(y0, simd, yOff, batch, out, ldy, shape);
        for (int i = 0; i < batch; i++) {
            double rowMaxBound = 0;
            double[] bound = new double[out];
            for (int j = 0; j < out; j++) {
                double s = bias == null ? 0 : Math.abs(bias[bOff + j]);
                for (int p = 0; p < in; p++) {
                    s += Math.abs((double) x[xOff + i * ldx + p] * w[wOff + p * out + j]);
                }
                bound[j] = Tolerance.sum(in, s);
                rowMaxBound = Math.max(rowMaxBound, bound[j]);
            }
            for (int j = 0; j < out; j++) {
                int idx = yOff + i * ldy + j;
                double ref = reference[idx];
                // relu, sigmoid and tanh are 1-Lipschitz: the pre-activation's error carries over at
                // most unchanged, plus the function's own rounding. Softmax moves by a factor of at
                // most e^(2·max error) ≈ 1 + 2·max error, plus its sum of `out` exponentials.
                double tol = switch (BuiltinActivation.of(c.act())) {
                    case LINEAR, RELU -> bound[j];
                    case SOFTMAX -> Math.abs(ref) * (2 * rowMaxBound + 2 * (out + 8) * Tolerance.U) + Tolerance.TINY;
                    // Issue #14's and sigmoid, tanh: see ActivationTolerance.
                    default -> ActivationTolerance.of(c.act(), z[idx], ref, bound[j]);
                };
                double diff = Math.abs((double) simd[idx] - ref);
                assertTrue(diff <= tol, Data.at("y", i, j) + ": simd " + simd[idx] + " vs scalar " + ref
                        + " differ by " + diff + " > " + tol + ", " + shape);
            }
        }
    }

    static void backward(Case c) {
        Random r = new Random(c.seed());
        int batch = c.batch();
        int in = c.in();
        int out = c.out();
        int ldx = Data.leadingDimension(r, in);
        int ldy = Data.leadingDimension(r, out);
        int lddy = Data.leadingDimension(r, out);
        int lddx = Data.leadingDimension(r, in);
        int xOff = Data.offset(r);
        int wOff = Data.offset(r);
        int yOff = Data.offset(r);
        int dyOff = Data.offset(r);
        int dwOff = Data.offset(r);
        int dbOff = Data.offset(r);
        int dxOff = Data.offset(r);
        float[] x = Data.matrix(r, xOff, batch, ldx);
        float[] w = Data.matrix(r, wOff, in, out);
        float[] bias = Data.uniform(r, out);
        // The saved output must be a real output of the activation: its derivative is taken from it.
        float[] y = Data.matrix(r, yOff, batch, ldy);
        REFERENCE.denseForward(batch, in, out, x, xOff, ldx, w, wOff, bias, 0, c.act(), y, yOff, ldy);
        float[] dy0 = Data.matrix(r, dyOff, batch, lddy);
        float[] dw0 = Data.matrix(r, dwOff, in, out);
        float[] db0 = (c.flags() & 2) != 0 ? Data.uniform(r, dbOff + out + 2) : null;
        float[] dx0 = (c.flags() & 4) != 0 ? Data.matrix(r, dxOff, batch, lddx) : null;

        float[] dyS = dy0.clone();
        float[] dwS = dw0.clone();
        float[] dbS = db0 == null ? null : db0.clone();
        float[] dxS = dx0 == null ? null : dx0.clone();
        float[] dyR = dy0.clone();
        float[] dwR = dw0.clone();
        float[] dbR = db0 == null ? null : db0.clone();
        float[] dxR = dx0 == null ? null : dx0.clone();
        SIMD.denseBackward(batch, in, out, x, xOff, ldx, w, wOff, y, yOff, ldy, c.act(), dyS, dyOff, lddy,
                dwS, dwOff, dbS, dbOff, dxS, dxOff, lddx);
        REFERENCE.denseBackward(batch, in, out, x, xOff, ldx, w, wOff, y, yOff, ldy, c.act(), dyR, dyOff, lddy,
                dwR, dwOff, dbR, dbOff, dxR, dxOff, lddx);
        String shape = c.toString();

        // dZ: element-wise with the same formula; softmax's dot product is a sum over `out` terms.
        double[][] dzErr = new double[batch][out];
        for (int i = 0; i < batch; i++) {
            double dotTerms = 0;
            for (int j = 0; j < out; j++) {
                dotTerms += Math.abs((double) dy0[dyOff + i * lddy + j] * y[yOff + i * ldy + j]);
            }
            for (int j = 0; j < out; j++) {
                int idx = dyOff + i * lddy + j;
                double ref = dyR[idx];
                double tol = Tolerance.elementwise(ref);
                if (c.act() == Activation.SOFTMAX) {
                    tol += Math.abs(y[yOff + i * ldy + j]) * Tolerance.sum(out, dotTerms);
                }
                dzErr[i][j] = tol;
                double diff = Math.abs((double) dyS[idx] - ref);
                assertTrue(diff <= tol, Data.at("dZ", i, j) + ": simd " + dyS[idx] + " vs scalar " + ref
                        + " differ by " + diff + " > " + tol + ", " + shape);
            }
        }
        assertOutsideUnchanged(dy0, dyS, dyOff, batch, out, lddy, shape);
        // dW += xᵀ dZ: a sum over the batch, from dZ values that may already differ by dzErr.
        for (int p = 0; p < in; p++) {
            for (int j = 0; j < out; j++) {
                int idx = dwOff + p * out + j;
                double s = Math.abs(dw0[idx]);
                double carried = 0;
                for (int i = 0; i < batch; i++) {
                    double xv = Math.abs(x[xOff + i * ldx + p]);
                    s += xv * Math.abs(dyR[dyOff + i * lddy + j]);
                    carried += xv * dzErr[i][j];
                }
                assertClose("dW", p, j, dwS[idx], dwR[idx], Tolerance.sum(batch, s) + carried, shape);
            }
        }
        if (db0 != null) {
            for (int j = 0; j < out; j++) {
                double s = Math.abs(db0[dbOff + j]);
                double carried = 0;
                for (int i = 0; i < batch; i++) {
                    s += Math.abs(dyR[dyOff + i * lddy + j]);
                    carried += dzErr[i][j];
                }
                assertClose("db", 0, j, dbS[dbOff + j], dbR[dbOff + j], Tolerance.sum(batch, s) + carried, shape);
            }
        }
        if (dx0 != null) {
            assertOutsideUnchanged(dx0, dxS, dxOff, batch, in, lddx, shape);
            for (int i = 0; i < batch; i++) {
                for (int p = 0; p < in; p++) {
                    double s = 0;
                    double carried = 0;
                    for (int j = 0; j < out; j++) {
                        double wv = Math.abs(w[wOff + p * out + j]);
                        s += wv * Math.abs(dyR[dyOff + i * lddy + j]);
                        carried += wv * dzErr[i][j];
                    }
                    int idx = dxOff + i * lddx + p;
                    assertClose("dX", i, p, dxS[idx], dxR[idx], Tolerance.sum(out, s) + carried, shape);
                }
            }
        }
    }

    private static void assertClose(String what, int i, int j, float simd, float reference, double tol, String shape) {
        double diff = Math.abs((double) simd - reference);
        assertTrue(diff <= tol, Data.at(what, i, j) + ": simd " + simd + " vs scalar " + reference
                + " differ by " + diff + " > " + tol + ", " + shape);
    }

    /** Everything outside the {@code rows × cols} block at {@code off} with stride {@code ld} is untouched. */
    static void assertOutsideUnchanged(float[] before, float[] after, int off, int rows, int cols, int ld, String shape) {
        for (int idx = 0; idx < before.length; idx++) {
            int rel = idx - off;
            int i = Math.floorDiv(rel, ld);
            int j = Math.floorMod(rel, ld);
            if (rel < 0 || i >= rows || j >= cols) {
                assertEquals(Float.floatToRawIntBits(before[idx]), Float.floatToRawIntBits(after[idx]),
                        "element " + idx + " outside the result was written, " + shape);
            }
        }
    }
}
