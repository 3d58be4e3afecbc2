package dev.vectornn.backend.simd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.vectornn.backend.Backends;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import java.util.Random;

/** Activations, losses and optimizer updates of the SIMD backend against the scalar reference. */
class ElementwiseEquivalenceTest {

    private static final Kernels SIMD = Backends.named("simd").kernels();
    private static final Kernels REFERENCE = Backends.named("scalar").kernels();

    // ------------------------------------------------------------------ activations

    @Test
    void activationsAgreeWithTheReference() {
        qt().withExamples(300).withFixedSeed(11)
                .forAll(Shapes.size(), Shapes.size(), Generate.pick(ActivationTolerance.FUSED), Shapes.seed())
                .checkAssert(ElementwiseEquivalenceTest::activation);
    }

    /** GELU (exact and tanh form) and SiLU: forward, and the derivative from the input (issue #14). */
    @Test
    void activationsWhoseDerivativeNeedsTheInputAgreeWithTheReference() {
        qt().withExamples(100).withFixedSeed(13)
                .forAll(Shapes.size(), Shapes.size(), Generate.pick(ActivationTolerance.FROM_INPUT), Shapes.seed())
                .checkAssert(ElementwiseEquivalenceTest::activationFromInput);
    }

    static void activationFromInput(int rows, int cols, Activation act, long seed) {
        Random r = new Random(seed);
        int n = rows * cols;
        int off = Data.offset(r);
        float[] x = Data.uniform(r, off + n + 3, -6f, 6f);
        float[] yS = Data.uniform(r, off + n + 3);
        float[] yR = yS.clone();
        SIMD.activationForward(act, rows, cols, x, off, yS, off);
        REFERENCE.activationForward(act, rows, cols, x, off, yR, off);
        float[] dy = Data.uniform(r, off + n + 3);
        float[] dxS = dy.clone();
        float[] dxR = dy.clone();
        SIMD.activationBackwardFromInput(act, rows, cols, x, off, yR, off, dxS, off, dxS, off);
        REFERENCE.activationBackwardFromInput(act, rows, cols, x, off, yR, off, dxR, off, dxR, off);
        for (int i = 0; i < yS.length; i++) {
            boolean inside = i >= off && i < off + n;
            double z = inside ? x[i] : 0;
            assertClose(act + " forward " + rows + "x" + cols, i, yS[i], yR[i],
                    inside ? ActivationTolerance.of(act, z, yR[i], 0) : 0);
            // The derivative's own error: its terms are each of the size of dy, so compare with that.
            assertClose(act + " backward from input " + rows + "x" + cols, i, dxS[i], dxR[i],
                    inside ? ActivationTolerance.of(act, z, Math.abs(dxR[i]) + Math.abs(dy[i]), 0) : 0);
        }
    }

    static void activation(int rows, int cols, Activation act, long seed) {
        Random r = new Random(seed);
        int n = rows * cols;
        int xOff = Data.offset(r);
        boolean inPlace = r.nextBoolean();
        float[] x = Data.uniform(r, xOff + n + 3, -6f, 6f);
        float[] yS = inPlace ? x.clone() : Data.uniform(r, xOff + n + 3);
        float[] yR = inPlace ? x.clone() : yS.clone();
        SIMD.activationForward(act, rows, cols, inPlace ? yS : x, xOff, yS, xOff);
        REFERENCE.activationForward(act, rows, cols, inPlace ? yR : x, xOff, yR, xOff);
        String what = act + " forward " + rows + "x" + cols + (inPlace ? " in place" : "");
        for (int i = 0; i < yS.length; i++) {
            // Softmax rows also sum `cols` exponentials: one more relative sum error.
            boolean inside = i >= xOff && i < xOff + n;
            double tol = act == Activation.SOFTMAX
                    ? Tolerance.elementwise(yR[i]) + Math.abs(yR[i]) * Tolerance.sum(cols, 1)
                    : Activation.builtinFunction(act).kind() == dev.vectornn.spi.BuiltinFunction.Kind.LINEAR || !inside
                    ? Tolerance.elementwise(yR[i]) : ActivationTolerance.of(act, x[i], yR[i], 0);
            assertClose(what, i, yS[i], yR[i], tol);
        }
        // Backward from the forward's output.
        float[] dy = Data.uniform(r, xOff + n + 3);
        float[] dxS = inPlace ? dy.clone() : Data.uniform(r, xOff + n + 3);
        float[] dxR = inPlace ? dy.clone() : dxS.clone();
        SIMD.activationBackward(act, rows, cols, yR, xOff, inPlace ? dxS : dy, xOff, dxS, xOff);
        REFERENCE.activationBackward(act, rows, cols, yR, xOff, inPlace ? dxR : dy, xOff, dxR, xOff);
        what = act + " backward " + rows + "x" + cols + (inPlace ? " in place" : "");
        for (int i = 0; i < dxS.length; i++) {
            double tol = Tolerance.elementwise(dxR[i]);
            if (act == Activation.SOFTMAX && i >= xOff && i < xOff + n) {
                // dz_i = y_i (dy_i − Σ dy y): the dot product is a sum over the row.
                int row = (i - xOff) / cols;
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    int at = xOff + row * cols + j;
                    s += Math.abs((double) dy[at] * yR[at]);
                }
                tol += Math.abs(yR[i]) * Tolerance.sum(cols, s);
            }
            assertClose(what, i, dxS[i], dxR[i], tol);
        }
    }

    // ------------------------------------------------------------------ losses

    @Test
    void lossesAgreeWithTheReference() {
        qt().withExamples(300).withFixedSeed(12)
                .forAll(Shapes.positiveSize(), Shapes.positiveSize(), Generate.range(0, 15), Shapes.seed())
                .checkAssert(ElementwiseEquivalenceTest::loss);
    }

    /**
     * {@code kind}: bits 0-1 the loss (MSE, categorical, sparse, binary), bit 2 the fused form
     * (softmax/sigmoid input), bit 3 whether a gradient is wanted.
     */
    static void loss(int rows, int cols, int kind, long seed) {
        Random r = new Random(seed);
        int n = rows * cols;
        int pOff = Data.offset(r);
        int tOff = Data.offset(r);
        int gOff = Data.offset(r);
        boolean fused = (kind & 4) != 0;
        boolean withGrad = (kind & 8) != 0;
        float[] p = Data.uniform(r, pOff + n + 3, 0f, 1f);
        // Some probabilities sit on or beyond the clip range [1e-7, 1 - 1e-7].
        for (int i = 0; i < p.length; i++) {
            int roll = r.nextInt(20);
            p[i] = roll == 0 ? 0f : roll == 1 ? 1f : roll == 2 ? 1e-9f : p[i];
        }
        float[] t = Data.uniform(r, tOff + n + 3, 0f, 1f);
        float[] labels = new float[tOff + rows];
        for (int i = 0; i < rows; i++) {
            labels[tOff + i] = r.nextInt(cols);
        }
        float[] gS = withGrad ? Data.uniform(r, gOff + n + 3) : null;
        float[] gR = withGrad ? gS.clone() : null;
        float lossS;
        float lossR;
        double terms = 0;
        switch (kind & 3) {
            case 0 -> {
                lossS = SIMD.meanSquaredError(rows, cols, p, pOff, t, tOff, gS, gOff);
                lossR = REFERENCE.meanSquaredError(rows, cols, p, pOff, t, tOff, gR, gOff);
                for (int i = 0; i < n; i++) {
                    double d = p[pOff + i] - t[tOff + i];
                    terms += d * d / cols;
                }
            }
            case 1 -> {
                lossS = SIMD.categoricalCrossEntropy(rows, cols, p, pOff, t, tOff, gS, gOff, fused);
                lossR = REFERENCE.categoricalCrossEntropy(rows, cols, p, pOff, t, tOff, gR, gOff, fused);
                for (int i = 0; i < n; i++) {
                    terms += Math.abs(t[tOff + i] * Math.log(clip(p[pOff + i])));
                }
            }
            case 2 -> {
                lossS = SIMD.sparseCategoricalCrossEntropy(rows, cols, p, pOff, labels, tOff, gS, gOff, fused);
                lossR = REFERENCE.sparseCategoricalCrossEntropy(rows, cols, p, pOff, labels, tOff, gR, gOff, fused);
                for (int i = 0; i < rows; i++) {
                    terms += Math.abs(Math.log(clip(p[pOff + i * cols + (int) labels[tOff + i]])));
                }
            }
            default -> {
                lossS = SIMD.binaryCrossEntropy(rows, cols, p, pOff, t, tOff, gS, gOff, fused);
                lossR = REFERENCE.binaryCrossEntropy(rows, cols, p, pOff, t, tOff, gR, gOff, fused);
                for (int i = 0; i < n; i++) {
                    double pc = clip(p[pOff + i]);
                    double ti = t[tOff + i];
                    terms += (Math.abs(ti * Math.log(pc)) + Math.abs((1 - ti) * Math.log(1 - pc))) / cols;
                }
            }
        }
        String what = "loss kind " + kind + " " + rows + "x" + cols;
        // Per-row sums of `cols` terms, each carrying a few ulps of log error; rows summed in double.
        assertClose(what + " value", -1, lossS, lossR, Tolerance.sum(cols, terms) + Tolerance.elementwise(lossR));
        if (withGrad) {
            for (int i = 0; i < gS.length; i++) {
                double tol = Tolerance.elementwise(gR[i]);
                if ((kind & 3) == 1 && fused && i >= gOff && i < gOff + n) {
                    // (p · Σt − t) / rows: Σt is a sum over the row.
                    int row = (i - gOff) / cols;
                    double ts = 0;
                    for (int j = 0; j < cols; j++) {
                        ts += Math.abs(t[tOff + row * cols + j]);
                    }
                    tol += Math.abs(p[pOff + i - gOff]) * Tolerance.sum(cols, ts) / rows;
                }
                assertClose(what + " gradient", i, gS[i], gR[i], tol);
            }
        }
    }

    @Test
    void sparseLabelsOutOfRangeAreRejectedAsByTheReference() {
        float[] p = new float[3 * 200];
        float[] labels = {0f, 200f, 1f};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SIMD.sparseCategoricalCrossEntropy(3, 200, p, 0, labels, 0, null, 0, true));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    private static double clip(float p) {
        return Math.min(Math.max(p, 1e-7f), 1f - 1e-7f);
    }

    // ------------------------------------------------------------------ optimizers

    @Test
    void optimizerUpdatesAgreeWithTheReference() {
        qt().withExamples(300).withFixedSeed(13)
                .forAll(Shapes.size().map(s -> s * 3), Generate.range(0, 4), Generate.booleans(), Shapes.seed())
                .checkAssert(ElementwiseEquivalenceTest::optimizer);
    }

    /** {@code kind}: 0 plain SGD, 1 SGD with momentum, 2 Adam, 3 RMSprop, 4 Adagrad. */
    static void optimizer(int n, int kind, boolean nesterov, long seed) {
        Random r = new Random(seed);
        int wOff = Data.offset(r);
        int gOff = Data.offset(r);
        int sOff = Data.offset(r);
        float[] w = Data.uniform(r, wOff + n + 3);
        float[] g = Data.uniform(r, gOff + n + 3);
        float[] s1 = Data.uniform(r, sOff + n + 3);
        float[] s2 = Data.uniform(r, sOff + n + 3, 0f, 1f);
        float[] wS = w.clone();
        float[] wR = w.clone();
        float[] aS = s1.clone();
        float[] aR = s1.clone();
        float[] bS = s2.clone();
        float[] bR = s2.clone();
        switch (kind) {
            case 0 -> {
                SIMD.sgdUpdate(n, wS, wOff, g, gOff, null, 0, 0.01f, 0f, false);
                REFERENCE.sgdUpdate(n, wR, wOff, g, gOff, null, 0, 0.01f, 0f, false);
            }
            case 1 -> {
                SIMD.sgdUpdate(n, wS, wOff, g, gOff, aS, sOff, 0.01f, 0.9f, nesterov);
                REFERENCE.sgdUpdate(n, wR, wOff, g, gOff, aR, sOff, 0.01f, 0.9f, nesterov);
            }
            case 2 -> {
                long step = 1 + r.nextInt(100);
                SIMD.adamUpdate(n, wS, wOff, g, gOff, aS, sOff, bS, sOff, 0.001f, 0.9f, 0.999f, 1e-7f, step);
                REFERENCE.adamUpdate(n, wR, wOff, g, gOff, aR, sOff, bR, sOff, 0.001f, 0.9f, 0.999f, 1e-7f, step);
            }
            case 3 -> {
                SIMD.rmspropUpdate(n, wS, wOff, g, gOff, bS, sOff, 0.001f, 0.9f, 1e-7f);
                REFERENCE.rmspropUpdate(n, wR, wOff, g, gOff, bR, sOff, 0.001f, 0.9f, 1e-7f);
            }
            default -> {
                SIMD.adagradUpdate(n, wS, wOff, g, gOff, bS, sOff, 0.01f, 1e-7f);
                REFERENCE.adagradUpdate(n, wR, wOff, g, gOff, bR, sOff, 0.01f, 1e-7f);
            }
        }
        // The vector code follows the reference operation by operation (sqrt and division are
        // correctly rounded in both, Java never fuses mul and add): the results are expected to
        // be identical; the elementwise bound is a margin, not a need.
        String what = "optimizer kind " + kind + " n=" + n;
        for (int i = 0; i < w.length; i++) {
            assertClose(what + " w", i, wS[i], wR[i], Tolerance.elementwise(wR[i]));
        }
        for (int i = 0; i < s1.length; i++) {
            assertClose(what + " state 1", i, aS[i], aR[i], Tolerance.elementwise(aR[i]));
            assertClose(what + " state 2", i, bS[i], bR[i], Tolerance.elementwise(bR[i]));
        }
    }

    private static void assertClose(String what, int i, float simd, float reference, double tol) {
        if (Float.isNaN(reference)) {
            assertTrue(Float.isNaN(simd), what + " [" + i + "]: simd " + simd + " vs scalar NaN");
            return;
        }
        double diff = Math.abs((double) simd - reference);
        assertTrue(diff <= tol, what + " [" + i + "]: simd " + simd + " vs scalar " + reference
                + " differ by " + diff + " > " + tol);
    }
}
