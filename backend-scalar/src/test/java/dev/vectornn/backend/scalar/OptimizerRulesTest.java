package dev.vectornn.backend.scalar;

import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Each optimizer rule against its Keras 3 formula written here in double, on random gradients
 * and state (never 1, so that a product turned into a quotient shows) and with an epsilon large
 * enough (0.25) that its sign and place matter; and the clip boundary of the unfused
 * cross-entropy gradients (zero at and beyond {@code EPS}). Found missing by the PIT run: the
 * worked-value tests used gradients of 1 and epsilon 1e-7. Budget: milliseconds.
 */
class OptimizerRulesTest {

    private static final Kernels K = new ReferenceKernels();
    private static final float EPSILON = 0.25f;

    /** {@code n} floats uniform in {@code [lo, hi)}; also used by {@link OptimizerAdditionsTest}. */
    static float[] values(SplittableRandom r, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + r.nextDouble() * (hi - lo));
        }
        return v;
    }

    static void close(double expected, float actual, String what) {
        assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void everyRuleFollowsItsFormula() {
        qt().withExamples(100).withFixedSeed(31).forAll(integers().between(1, 6), integers().between(1, 20),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((n, step, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            float[] g = values(r, n, 0.2, 3);
            float[] w0 = values(r, n, -2, 2);
            float[] s0 = values(r, n, 0.1, 2); // velocity, first and second moments, accumulators
            float[] u0 = values(r, n, 0.1, 2);
            float lr = 0.3f;
            float momentum = 0.7f;
            for (boolean nesterov : new boolean[] {false, true}) {
                float[] w = w0.clone();
                float[] v = s0.clone();
                K.sgdUpdate(n, w, 0, g, 0, v, 0, lr, momentum, nesterov);
                for (int i = 0; i < n; i++) {
                    double vel = momentum * (double) s0[i] - lr * (double) g[i];
                    close(vel, v[i], "sgd velocity " + i);
                    close(w0[i] + (nesterov ? momentum * vel - lr * (double) g[i] : vel), w[i], "sgd w " + i);
                }
            }
            float beta1 = 0.8f;
            float beta2 = 0.9f;
            float[] w = w0.clone();
            float[] m = s0.clone();
            float[] v = u0.clone();
            K.adamUpdate(n, w, 0, g, 0, m, 0, v, 0, lr, beta1, beta2, EPSILON, step);
            double alpha = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
            for (int i = 0; i < n; i++) {
                double mi = s0[i] + (g[i] - (double) s0[i]) * (1 - beta1);
                double vi = u0[i] + ((double) g[i] * g[i] - u0[i]) * (1 - beta2);
                close(mi, m[i], "adam m " + i);
                close(vi, v[i], "adam v " + i);
                close(w0[i] - alpha * mi / (Math.sqrt(vi) + EPSILON), w[i], "adam w " + i);
            }
            w = w0.clone();
            float[] ms = u0.clone();
            K.rmspropUpdate(n, w, 0, g, 0, ms, 0, lr, beta2, EPSILON);
            for (int i = 0; i < n; i++) {
                double si = beta2 * (double) u0[i] + (1 - beta2) * (double) g[i] * g[i];
                close(si, ms[i], "rmsprop s " + i);
                close(w0[i] - lr * g[i] / Math.sqrt(si + EPSILON), w[i], "rmsprop w " + i);
            }
            w = w0.clone();
            float[] acc = u0.clone();
            K.adagradUpdate(n, w, 0, g, 0, acc, 0, lr, EPSILON);
            for (int i = 0; i < n; i++) {
                double ai = u0[i] + (double) g[i] * g[i];
                close(ai, acc[i], "adagrad accumulator " + i);
                close(w0[i] - lr * g[i] / Math.sqrt(ai + EPSILON), w[i], "adagrad w " + i);
            }
        });
    }

    @Test
    void unfusedCrossEntropyGradientsAreZeroAtAndBeyondTheClipBounds() {
        float eps = ReferenceKernels.EPS;
        float[] p = {0f, eps, 1f - eps, 1f, Math.nextUp(eps), 0.5f};
        float[] t = {1f, 1f, 1f, 1f, 1f, 1f};
        float[] grad = new float[p.length];
        K.categoricalCrossEntropy(1, p.length, p, 0, t, 0, grad, 0, false);
        for (int i = 0; i < 4; i++) {
            assertEquals(0f, grad[i], "categorical, clipped p = " + p[i]);
        }
        assertEquals(-1 / Math.nextUp(eps), grad[4], 1e-6 / eps, "categorical, just inside the clip range");
        assertEquals(-2f, grad[5], 1e-6f);
        K.binaryCrossEntropy(1, p.length, p, 0, t, 0, grad, 0, false);
        for (int i = 0; i < 4; i++) {
            assertEquals(0f, grad[i], "binary, clipped p = " + p[i]);
        }
        assertEquals((0.5f - 1f) / (0.25f * p.length), grad[5], 1e-6f);
        float[] labels = {0f};
        float[] g1 = new float[2];
        K.sparseCategoricalCrossEntropy(1, 2, new float[] {eps, 1f - eps}, 0, labels, 0, g1, 0, false);
        assertEquals(0f, g1[0], "sparse, clipped label probability");
    }
}
