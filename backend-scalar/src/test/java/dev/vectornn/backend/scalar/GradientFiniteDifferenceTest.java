package dev.vectornn.backend.scalar;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Every gradient the reference kernels write, against central finite differences of the loss or
 * activation written here from its definition, in double: an oracle that shares no code with the
 * kernels. Targets are soft and deliberately do <em>not</em> sum to 1, so the fused softmax
 * cross-entropy gradient must be {@code p·Σt − t} (a planted {@code p − t} fails here), and the
 * fused binary one {@code p − t} over the logits.
 *
 * <p>Tolerance: with {@code h = 1e-4} the central difference of these smooth functions is exact
 * to about {@code h² ≈ 1e-8}; the kernels compute in float, so {@code 1e-4} relative (above 1e-3
 * absolute) separates rounding from any wrong term by orders of magnitude. Budget: well under a
 * second.
 */
class GradientFiniteDifferenceTest {

    private static final Kernels K = new ReferenceKernels();
    private static final double H = 1e-4;

    /** {@code ∂f/∂v[i]} by central differences. */
    private static double derivative(double[] v, int i, ToDoubleFunction<double[]> f) {
        double keep = v[i];
        v[i] = keep + H;
        double up = f.applyAsDouble(v);
        v[i] = keep - H;
        double down = f.applyAsDouble(v);
        v[i] = keep;
        return (up - down) / (2 * H);
    }

    private static void assertGradient(double[] at, ToDoubleFunction<double[]> f, float[] grad, String what) {
        for (int i = 0; i < at.length; i++) {
            double expected = derivative(at, i, f);
            assertEquals(expected, grad[i], 1e-4 * Math.max(10, Math.abs(expected)), what + " element " + i);
        }
    }

    private static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + r.nextDouble() * (hi - lo);
        }
        return v;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** Softmax of each row, in double. */
    private static double[] softmax(double[] z, int rows, int cols) {
        double[] p = new double[z.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, z[r * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(z[r * cols + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                p[r * cols + j] = Math.exp(z[r * cols + j] - max) / sum;
            }
        }
        return p;
    }

    /** The batch-mean categorical cross-entropy {@code (1/rows) Σ −t log p}. */
    private static double crossEntropy(double[] p, double[] t, int rows) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s -= t[i] * Math.log(p[i]);
        }
        return s / rows;
    }

    @Test
    void fusedSoftmaxCrossEntropyIsTheLogitGradientEvenWhenTargetsDoNotSumToOne() {
        qt().withExamples(60).withFixedSeed(21).forAll(integers().between(1, 4), integers().between(1, 6),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((rows, cols, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            double[] z = uniform(r, rows * cols, -2, 2);
            double[] t = uniform(r, rows * cols, 0, 1); // row sums anywhere in [0, cols)
            float[] p = floats(softmax(z, rows, cols));
            float[] grad = new float[rows * cols];
            float loss = K.categoricalCrossEntropy(rows, cols, p, 0, floats(t), 0, grad, 0, true);
            assertEquals(crossEntropy(softmax(z, rows, cols), t, rows) * rows, loss, 1e-4 * rows * cols);
            assertGradient(z, v -> crossEntropy(softmax(v, rows, cols), t, rows), grad,
                    "d CE / d logits, " + rows + "x" + cols);
        });
    }

    @Test
    void unfusedCrossEntropyIsTheProbabilityGradient() {
        qt().withExamples(60).withFixedSeed(22).forAll(integers().between(1, 4), integers().between(1, 6),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((rows, cols, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            double[] p = uniform(r, rows * cols, 0.05, 0.95); // inside the clip range, not normalised
            double[] t = uniform(r, rows * cols, 0, 1);
            float[] grad = new float[rows * cols];
            K.categoricalCrossEntropy(rows, cols, floats(p), 0, floats(t), 0, grad, 0, false);
            assertGradient(doubles(floats(p)), v -> crossEntropy(v, t, rows), grad, "d CE / d p");
        });
    }

    @Test
    void sparseCrossEntropyGradientsMatchTheOneHotLoss() {
        qt().withExamples(60).withFixedSeed(23).forAll(integers().between(1, 4), integers().between(1, 6),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((rows, cols, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            double[] z = uniform(r, rows * cols, -2, 2);
            float[] labels = new float[rows];
            double[] oneHot = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                labels[i] = r.nextInt(cols);
                oneHot[i * cols + (int) labels[i]] = 1;
            }
            float[] grad = new float[rows * cols];
            K.sparseCategoricalCrossEntropy(rows, cols, floats(softmax(z, rows, cols)), 0, labels, 0, grad, 0, true);
            assertGradient(z, v -> crossEntropy(softmax(v, rows, cols), oneHot, rows), grad, "fused sparse");
            double[] p = uniform(r, rows * cols, 0.05, 0.95);
            K.sparseCategoricalCrossEntropy(rows, cols, floats(p), 0, labels, 0, grad, 0, false);
            assertGradient(doubles(floats(p)), v -> crossEntropy(v, oneHot, rows), grad, "unfused sparse");
        });
    }

    /** The batch-mean binary cross-entropy, averaged over outputs. */
    private static double binaryCrossEntropy(double[] p, double[] t, int rows, int cols) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s -= t[i] * Math.log(p[i]) + (1 - t[i]) * Math.log(1 - p[i]);
        }
        return s / (rows * cols);
    }

    private static double[] sigmoid(double[] z) {
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = 1 / (1 + Math.exp(-z[i]));
        }
        return p;
    }

    @Test
    void binaryCrossEntropyGradientsOverLogitsAndOverProbabilities() {
        qt().withExamples(60).withFixedSeed(24).forAll(integers().between(1, 4), integers().between(1, 6),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((rows, cols, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            double[] z = uniform(r, rows * cols, -3, 3);
            double[] t = uniform(r, rows * cols, 0, 1);
            float[] grad = new float[rows * cols];
            K.binaryCrossEntropy(rows, cols, floats(sigmoid(z)), 0, floats(t), 0, grad, 0, true);
            assertGradient(z, v -> binaryCrossEntropy(sigmoid(v), t, rows, cols), grad, "fused binary");
            double[] p = uniform(r, rows * cols, 0.05, 0.95);
            K.binaryCrossEntropy(rows, cols, floats(p), 0, floats(t), 0, grad, 0, false);
            assertGradient(doubles(floats(p)), v -> binaryCrossEntropy(v, t, rows, cols), grad, "unfused binary");
        });
    }

    @Test
    void meanSquaredErrorGradient() {
        qt().withExamples(60).withFixedSeed(25).forAll(integers().between(1, 4), integers().between(1, 6),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((rows, cols, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            double[] y = doubles(floats(uniform(r, rows * cols, -1, 1)));
            double[] t = uniform(r, rows * cols, -1, 1);
            float[] grad = new float[rows * cols];
            K.meanSquaredError(rows, cols, floats(y), 0, floats(t), 0, grad, 0);
            assertGradient(y, v -> {
                double s = 0;
                for (int i = 0; i < v.length; i++) {
                    s += (v[i] - t[i]) * (v[i] - t[i]);
                }
                return s / (rows * cols);
            }, grad, "d MSE / d y");
        });
    }

    /** The activation's forward pass from its definition, in double. */
    private static double[] activate(Activation act, double[] z, int rows, int cols) {
        if (act == Activation.SOFTMAX) {
            return softmax(z, rows, cols);
        }
        double[] y = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            y[i] = act == Activation.RELU ? Math.max(0, z[i])
                    : act == Activation.SIGMOID ? 1 / (1 + Math.exp(-z[i]))
                    : act == Activation.TANH ? Math.tanh(z[i]) : z[i];
        }
        return y;
    }

    @Test
    void activationBackwardIsTheVectorJacobianProductOfForward() {
        qt().withExamples(60).withFixedSeed(26).forAll(integers().between(1, 3), integers().between(1, 6),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((rows, cols, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            for (Activation act : Activation.builtins()) {
                double[] z = uniform(r, rows * cols, -2, 2);
                for (int i = 0; i < z.length; i++) {
                    if (Math.abs(z[i]) < 10 * H) {
                        z[i] = 0.5; // keep ReLU's kink out of the difference quotient
                    }
                }
                double[] dy = uniform(r, rows * cols, -1, 1);
                float[] y = new float[z.length];
                K.activationForward(act, rows, cols, floats(z), 0, y, 0);
                float[] dx = new float[z.length];
                K.activationBackward(act, rows, cols, y, 0, floats(dy), 0, dx, 0);
                assertGradient(z, v -> {
                    double[] out = activate(act, v, rows, cols);
                    double s = 0;
                    for (int i = 0; i < out.length; i++) {
                        s += out[i] * dy[i];
                    }
                    return s;
                }, dx, act + " backward");
            }
        });
    }

    @Test
    void fusedGradientOfAWorkedExampleWhoseTargetsSumToOneAndAHalf() {
        // Targets summing to 1.5: the fused gradient is p·1.5 − t, divided by one row.
        float[] p = {0.5f, 0.25f, 0.25f};
        float[] t = {1f, 0.5f, 0f};
        float[] grad = new float[3];
        K.categoricalCrossEntropy(1, 3, p, 0, t, 0, grad, 0, true);
        assertEquals(-0.25f, grad[0], 1e-7f);
        assertEquals(-0.125f, grad[1], 1e-7f);
        assertEquals(0.375f, grad[2], 1e-7f);
    }
}
