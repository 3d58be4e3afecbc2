package dev.vectornn.properties;

import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Regularizer;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.PropertySettings;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** The training gradient of a network with activity regularizers (Keras 3's {@code R(y) / rows}) against finite differences. */
class ActivityRegularizerGradientPropertyTest {

    /**
     * {@code x(3) → Dense(h, sigmoid, activity L1L2(0.03, 0.05)) → Dense(3, softmax, activity L2(0.1))},
     * categorical cross-entropy: the training gradient against central differences of the same
     * loss computed here in double, {@code mean(CE) + (R₁(y₁) + R₂(y₂)) / rows}. The sigmoid keeps
     * the hidden outputs away from L1's kink at 0; the softmax output is never 0. Numerics as in
     * {@link dev.vectornn.testkit.GradientCheck}: {@code h = 1e-6}, a coordinate fails only if its
     * relative error exceeds 1e-3 and its absolute error 5e-6.
     */
    @Test
    void trainingGradientsAgreeWithFiniteDifferences() {
        for (Backend b : TestBackends.all()) {
            PropertySettings.qt(40)
                    .forAll(longs().all(), integers().between(1, 7), integers().between(1, 6))
                    .checkAssert((seed, rows, hidden) -> check(b, seed, rows, hidden));
        }
    }

    private static void check(Backend backend, long seed, int rows, int hidden) {
        Sequential m = new Sequential().seed(seed).backend(backend);
        m.add(new Dense(hidden, "sigmoid").inputDim(3).activityRegularizer(Regularizer.l1l2(0.03, 0.05)));
        m.add(new Dense(3, "softmax").activityRegularizer(Regularizer.l2(0.1)));
        m.compile("categorical_crossentropy", new Sgd(0.01));
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[rows][3];
        float[][] t = new float[rows][3];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) (r.nextDouble() * 4 - 2);
            }
            t[i][r.nextInt(3)] = 1;
        }
        float[] p = m.getParameters();
        var before = m.snapshot();
        m.trainOnBatch(x, t);
        float[] analytic = m.gradientsView().clone();
        m.restore(before);
        CentralDifferences.check(p, p.length, analytic, theta -> loss(hidden, theta, x, t), 1e-6, 5e-6,
                () -> "hidden " + hidden + ", rows " + rows + " on " + backend.name());
    }

    private static double loss(int h, double[] p, float[][] x, float[][] t) {
        int n = x.length;
        int w2 = 3 * h + h;
        int b2 = w2 + h * 3;
        double total = 0;
        double penalty = 0;
        for (int i = 0; i < n; i++) {
            double[] y1 = new double[h];
            for (int u = 0; u < h; u++) {
                double z = p[3 * h + u];
                for (int j = 0; j < 3; j++) {
                    z += x[i][j] * p[j * h + u];
                }
                y1[u] = 1 / (1 + Math.exp(-z));
                penalty += 0.03 * Math.abs(y1[u]) + 0.05 * y1[u] * y1[u];
            }
            double[] z2 = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < 3; o++) {
                z2[o] = p[b2 + o];
                for (int u = 0; u < h; u++) {
                    z2[o] += y1[u] * p[w2 + u * 3 + o];
                }
                max = Math.max(max, z2[o]);
            }
            double sum = 0;
            for (int o = 0; o < 3; o++) {
                sum += Math.exp(z2[o] - max);
            }
            for (int o = 0; o < 3; o++) {
                double prob = Math.exp(z2[o] - max) / sum;
                penalty += 0.1 * prob * prob;
                total -= t[i][o] * Math.log(prob);
            }
        }
        return (total + penalty) / n;
    }
}
