package dev.vectornn.backend.scalar;

import dev.vectornn.backend.scalar.contract.GemmProblem;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Each scalar kernel against the most straightforward loop (in double precision) on random shapes,
 * including 0 and 1, with offsets and leading dimensions wider than the rows.
 *
 * <p>Tolerance: the kernels accumulate in float, the references in double; a sum of k products
 * of values in [-1, 1] differs by at most about k · 2⁻²⁴ · Σ|terms|, so {@code 1e-5 · (k + 1)} is
 * comfortably above rounding yet far below any real error (a wrong index changes values by ~0.1).
 */
class ScalarKernelsTest {

    private static final Kernels K = new ScalarBackend().kernels();

    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    private static void close(double expected, float actual, int k, String what) {
        assertEquals(expected, actual, 1e-5 * (k + 1) * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void gemmMatchesTripleLoopForEveryTransposeAndScaling() {
        qt().withExamples(300).withFixedSeed(11).forAll(integers().between(0, 9), integers().between(0, 9),
                integers().between(0, 9), integers().between(0, 1_000_000)).checkAssert((m, n, k, seed) -> {
            GemmProblem g = GemmProblem.random(m, n, k, seed);
            float[] c = g.c().clone();
            K.gemm(g.transA(), g.transB(), m, n, k, g.alpha(), g.a(), g.aOff(), g.lda(), g.b(), g.bOff(), g.ldb(),
                    g.beta(), c, g.cOff(), g.ldc());
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += (double) g.opA(i, p) * g.opB(p, j);
                    }
                    int at = g.cOff() + i * g.ldc() + j;
                    double expected = g.alpha() * s + (g.beta() == 0f ? 0 : g.beta() * g.c()[at]);
                    close(expected, c[at], k, "C[" + i + "," + j + "] of " + g);
                }
                for (int j = n; j < g.ldc() && g.cOff() + i * g.ldc() + j < c.length; j++) {
                    int at = g.cOff() + i * g.ldc() + j;
                    assertEquals(g.c()[at], c[at], 0f, "padding untouched");
                }
            }
        });
    }

    @Test
    void denseForwardAndBackwardMatchTheirDefinitions() {
        qt().withExamples(200).withFixedSeed(12).forAll(integers().between(0, 6), integers().between(1, 9),
                integers().between(1, 9), integers().between(0, 1_000_000)).checkAssert((batch, in, out, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            Activation act = Activation.builtins().get(r.nextInt(Activation.builtins().size()));
            float[] x = random(r, batch * in);
            float[] w = random(r, in * out);
            float[] bias = random(r, out);
            float[] y = new float[batch * out];
            K.denseForward(batch, in, out, x, 0, in, w, 0, bias, 0, act, y, 0, out);
            double[] z = new double[batch * out];
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < out; j++) {
                    double s = bias[j];
                    for (int p = 0; p < in; p++) {
                        s += (double) x[b * in + p] * w[p * out + j];
                    }
                    z[b * out + j] = s;
                }
            }
            double[] expectedY = Reference.activate(act, z, batch, out);
            for (int i = 0; i < y.length; i++) {
                close(expectedY[i], y[i], in, act + " y[" + i + "]");
            }
            // Backward: dZ from the definition, then dW, db, dX.
            float[] dy = random(r, batch * out);
            double[] dz = Reference.derivative(act, y, dy, batch, out);
            float[] dw = random(r, in * out);
            float[] dwBefore = dw.clone();
            float[] db = new float[out];
            float[] dx = new float[batch * in];
            K.denseBackward(batch, in, out, x, 0, in, w, 0, y, 0, out, act, dy, 0, out, dw, 0, db, 0, dx, 0, in);
            for (int p = 0; p < in; p++) {
                for (int j = 0; j < out; j++) {
                    double s = dwBefore[p * out + j];
                    for (int b = 0; b < batch; b++) {
                        s += x[b * in + p] * dz[b * out + j];
                    }
                    close(s, dw[p * out + j], batch, "dW accumulates");
                }
            }
            for (int j = 0; j < out; j++) {
                double s = 0;
                for (int b = 0; b < batch; b++) {
                    s += dz[b * out + j];
                }
                close(s, db[j], batch, "db");
            }
            for (int b = 0; b < batch; b++) {
                for (int p = 0; p < in; p++) {
                    double s = 0;
                    for (int j = 0; j < out; j++) {
                        s += dz[b * out + j] * w[p * out + j];
                    }
                    close(s, dx[b * in + p], out, "dX");
                }
            }
        });
    }

    @Test
    void activationLayersAgreeWithTheDenseKernelsActivation() {
        SplittableRandom r = new SplittableRandom(5);
        for (Activation act : Activation.builtins()) {
            float[] x = random(r, 3 * 5);
            float[] y = new float[x.length];
            K.activationForward(act, 3, 5, x, 0, y, 0);
            double[] z = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                z[i] = x[i];
            }
            double[] expected = Reference.activate(act, z, 3, 5);
            for (int i = 0; i < y.length; i++) {
                close(expected[i], y[i], 5, act.toString());
            }
            float[] dy = random(r, x.length);
            float[] dx = new float[x.length];
            K.activationBackward(act, 3, 5, y, 0, dy, 0, dx, 0);
            double[] dz = Reference.derivative(act, y, dy, 3, 5);
            for (int i = 0; i < dx.length; i++) {
                close(dz[i], dx[i], 5, act + " derivative");
            }
        }
    }

    @Test
    void emptyAndOneByOneShapes() {
        float[] c = {7f};
        K.gemm(false, false, 1, 1, 0, 1f, new float[0], 0, 0, new float[0], 0, 1, 0f, c, 0, 1);
        assertEquals(0f, c[0], "k = 0 with beta 0 gives zeros");
        K.gemm(false, false, 0, 0, 0, 1f, new float[0], 0, 0, new float[0], 0, 0, 0f, new float[0], 0, 0);
        float[] y = new float[1];
        K.denseForward(1, 1, 1, new float[] {2f}, 0, 1, new float[] {3f}, 0, new float[] {1f}, 0, Activation.RELU, y, 0, 1);
        assertEquals(7f, y[0]);
        assertEquals(0f, K.meanSquaredError(0, 3, new float[0], 0, new float[0], 0, new float[0], 0));
    }
}
