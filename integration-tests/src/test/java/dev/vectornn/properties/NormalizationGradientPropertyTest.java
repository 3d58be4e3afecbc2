package dev.vectornn.properties;

import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.BatchNormalization;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.LayerNormalization;
import dev.vectornn.layers.Regularizer;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.PropertySettings;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The training-mode gradient of a network with {@code BatchNormalization} (batch statistics),
 * {@code LayerNormalization} and an L2-regularized {@code Dense} agrees with central finite
 * differences of the same loss computed here in double precision:
 * {@code x → Dense(h) → BatchNormalization → tanh → Dense(4, kernel L2(λ)) → LayerNormalization → Dense(2)},
 * mean squared error plus {@code λ Σ W₂²}, as Keras adds the penalty to the loss.
 *
 * <p>The analytic side is the backend's float gradient of one training step ({@code trainOnBatch},
 * read through {@code gradientsView()}, the step undone with a snapshot). Numerics as in
 * {@link dev.vectornn.testkit.GradientCheck}: double central differences with {@code h = 1e-6}
 * (truncation ~1e-12, round-off ~1e-10), a coordinate fails only if {@code |a − n| / (|a| + |n|)}
 * exceeds 1e-3 and {@code |a − n|} exceeds 2e-5. The floor is four times GradientCheck's because
 * the normalizations divide by standard deviations of batches of 2 to 8 rows (ε = 1e-3 bounds the
 * factor by 32), which multiplies the float rounding of the pre-activations; a derivative wrong by
 * 10 % is off by 5e-2 relative.
 */
class NormalizationGradientPropertyTest {

    static final int EXAMPLES = 40;
    static final double LAMBDA = 0.05;

    @Test
    void trainingModeGradientsAgreeWithFiniteDifferences() {
        for (Backend b : TestBackends.all()) {
            PropertySettings.qt(EXAMPLES)
                    .forAll(longs().all(), integers().between(2, 8), integers().between(1, 7))
                    .checkAssert((seed, rows, hidden) -> check(b, seed, rows, hidden));
        }
    }

    private static void check(Backend backend, long seed, int rows, int hidden) {
        Sequential m = new Sequential().seed(seed).backend(backend);
        m.add(new Dense(hidden).inputDim(3));
        m.add(new BatchNormalization());
        m.add(new ActivationLayer(Activation.TANH));
        m.add(new Dense(4).kernelRegularizer(Regularizer.l2(LAMBDA)));
        m.add(new LayerNormalization());
        m.add(new Dense(2));
        m.compile("mse", new Sgd(0.01));
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[rows][3];
        float[][] t = new float[rows][2];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) (r.nextDouble() * 4 - 2);
            }
            t[i][0] = (float) r.nextDouble();
            t[i][1] = (float) -r.nextDouble();
        }
        // Move γ and β away from 1 and 0 so that their gradients matter.
        float[] p = m.getParameters();
        for (int i = 0; i < m.trainableParameterCount(); i++) {
            p[i] += (float) (r.nextDouble() * 0.4 - 0.2);
        }
        m.setParameters(p);
        var before = m.snapshot();
        m.trainOnBatch(x, t);
        float[] analytic = m.gradientsView().clone();
        m.restore(before);

        Shape s = new Shape(hidden);
        CentralDifferences.check(p, m.trainableParameterCount(), analytic, theta -> loss(s, theta, x, t), 1e-6, 2e-5,
                () -> s + " on " + backend.name() + ", rows " + rows);
    }

    /** Where each tensor lies in the parameter array of the network above. */
    private record Shape(int hidden) {
        int w1() { return 0; }
        int b1() { return 3 * hidden; }
        int gamma1() { return b1() + hidden; }
        int beta1() { return gamma1() + hidden; }
        int w2() { return beta1() + hidden; }
        int b2() { return w2() + hidden * 4; }
        int gamma2() { return b2() + 4; }
        int beta2() { return gamma2() + 4; }
        int w3() { return beta2() + 4; }
        int b3() { return w3() + 8; }
    }

    /** The training-mode loss in double: mean over rows of the mean squared error, plus the L2 penalty. */
    private static double loss(Shape s, double[] p, float[][] x, float[][] t) {
        int n = x.length;
        int h = s.hidden();
        double[][] z = new double[n][h];
        for (int i = 0; i < n; i++) {
            for (int u = 0; u < h; u++) {
                double v = p[s.b1() + u];
                for (int j = 0; j < 3; j++) {
                    v += x[i][j] * p[s.w1() + j * h + u];
                }
                z[i][u] = v;
            }
        }
        for (int u = 0; u < h; u++) { // batch normalization with the batch's statistics, then tanh
            double mu = 0;
            for (int i = 0; i < n; i++) {
                mu += z[i][u];
            }
            mu /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (z[i][u] - mu) * (z[i][u] - mu);
            }
            var /= n;
            for (int i = 0; i < n; i++) {
                z[i][u] = Math.tanh(p[s.gamma1() + u] * (z[i][u] - mu) / Math.sqrt(var + 1e-3f) + p[s.beta1() + u]);
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] a = new double[4];
            for (int u = 0; u < 4; u++) {
                a[u] = p[s.b2() + u];
                for (int j = 0; j < h; j++) {
                    a[u] += z[i][j] * p[s.w2() + j * 4 + u];
                }
            }
            double mu = (a[0] + a[1] + a[2] + a[3]) / 4;
            double var = 0;
            for (double v : a) {
                var += (v - mu) * (v - mu);
            }
            var /= 4;
            for (int u = 0; u < 4; u++) { // layer normalization of the row
                a[u] = p[s.gamma2() + u] * (a[u] - mu) / Math.sqrt(var + 1e-3f) + p[s.beta2() + u];
            }
            for (int o = 0; o < 2; o++) {
                double y = p[s.b3() + o];
                for (int u = 0; u < 4; u++) {
                    y += a[u] * p[s.w3() + u * 2 + o];
                }
                total += (y - t[i][o]) * (y - t[i][o]) / 2;
            }
        }
        double penalty = 0;
        for (int i = s.w2(); i < s.b2(); i++) {
            penalty += p[i] * p[i];
        }
        return total / n + LAMBDA * penalty;
    }
}
