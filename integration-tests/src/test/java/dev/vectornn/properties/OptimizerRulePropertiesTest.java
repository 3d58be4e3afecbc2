package dev.vectornn.properties;

import dev.vectornn.optimizers.Adagrad;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.RmsProp;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.PropertySettings;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optimizers, through their public classes and every backend's kernels, follow Keras 3's
 * update rules (as written in the {@code Kernels} Javadoc) on random weights, gradients, states
 * and hyper-parameters.
 *
 * <p>Each rule is checked in two stages so that a tolerance never hides a wrong formula: first
 * the new state (velocity, moments, accumulators) against its formula in double, within
 * {@value #ULPS} float ulps of the scale of its terms (it is one or two float operations); then
 * the new weight against the rule evaluated in double on the state the kernel wrote, within one
 * ulp of the weight plus {@code 1e-5} of the magnitude of the terms the step adds (a few float
 * operations; Nesterov's {@code momentum · v − lr · g} may cancel to far less than its terms).
 */
class OptimizerRulePropertiesTest {

    static final double ULPS = 4;
    static final double FLOAT_EPS = Math.ulp(1f);
    static final int EXAMPLES = 100;

    enum Rule { SGD, MOMENTUM, NESTEROV, ADAM, RMSPROP, ADAGRAD }

    /** One update: a rule with its hyper-parameters, weights, gradients, state and step. */
    record Update(Backend backend, Rule rule, float lr, float a, float b, float eps, long step,
                  float[] w, float[] g, float[] slots) {
        int n() {
            return w.length;
        }

        Optimizer optimizer() {
            return switch (rule) {
                case SGD -> new Sgd(lr);
                case MOMENTUM -> new Sgd(lr, a, false);
                case NESTEROV -> new Sgd(lr, a, true);
                case ADAM -> new Adam(lr).withConfig(Map.of("beta_1", (double) a, "beta_2", (double) b, "epsilon", (double) eps));
                case RMSPROP -> new RmsProp(lr).withConfig(Map.of("rho", (double) a, "epsilon", (double) eps));
                case ADAGRAD -> new Adagrad(lr).withConfig(Map.of("epsilon", (double) eps));
            };
        }

        @Override
        public String toString() {
            return backend.name() + " " + rule + " lr=" + lr + " a=" + a + " b=" + b + " eps=" + eps + " step=" + step
                    + " w=" + Arrays.toString(w) + " g=" + Arrays.toString(g) + " slots=" + Arrays.toString(slots);
        }
    }

    static Gen<Update> updates(Backend backend, Rule rule) {
        return in -> {
            int n = (int) in.next(Constraint.between(1, 40));
            float lr = grid(in, 1, 1000) / 1e4f;             // (0, 0.1]
            float a = grid(in, 1, 990) / 1000f;               // momentum, β1 or ρ in [0.001, 0.99]; momentum 0 is plain SGD
            float b = 0.9f + grid(in, 0, 999) / 1e4f;         // β2 in [0.9, 0.9999]
            float eps = in.next(Constraint.between(0, 1)) == 0 ? 1e-7f : 1e-3f;
            long step = in.next(Constraint.between(1, 100));
            float[] w = values(in, n, -1, 1);
            float[] g = values(in, n, -1, 1);
            int slotsPer = switch (rule) {
                case SGD -> 0;
                case ADAM -> 2;
                default -> 1;
            };
            float[] slots = new float[slotsPer * n];
            for (int i = 0; i < slots.length; i++) {
                // Velocities and first moments are signed; second moments and accumulators are ≥ 0.
                boolean signed = rule == Rule.MOMENTUM || rule == Rule.NESTEROV || (rule == Rule.ADAM && i < n);
                slots[i] = signed ? grid(in, -1000, 1000) / 1000f : grid(in, 0, 1000) / 1000f;
            }
            return new Update(backend, rule, lr, a, b, eps, step, w, g, slots);
        };
    }

    private static long grid(RandomnessSource in, int lo, int hi) {
        return in.next(Constraint.between(lo, hi));
    }

    private static float[] values(RandomnessSource in, int n, int lo, int hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = grid(in, lo * 1000, hi * 1000) / 1000f;
        }
        return v;
    }

    @Test
    void updatesFollowKerasRules() {
        for (Backend b : TestBackends.all()) {
            for (Rule rule : Rule.values()) {
                PropertySettings.qt(EXAMPLES).forAll(updates(b, rule)).checkAssert(OptimizerRulePropertiesTest::check);
            }
        }
    }

    static void check(Update u) {
        int n = u.n();
        float[] w = u.w().clone();
        float[] slots = u.slots().clone();
        u.optimizer().update(u.backend().kernels(), n, w, u.g().clone(), slots, u.step());
        double lr = u.lr();
        double a = u.a();
        double b = u.b();
        double eps = u.eps();
        for (int i = 0; i < n; i++) {
            double w0 = u.w()[i];
            double g = u.g()[i];
            double expected;
            double terms; // magnitude of the terms the step adds up (Nesterov's two can cancel)
            switch (u.rule()) {
                case SGD -> {
                    expected = w0 - lr * g;
                    terms = Math.abs(lr * g);
                }
                case MOMENTUM, NESTEROV -> {
                    double v0 = u.slots()[i];
                    assertState(u, "velocity", i, a * v0 - lr * g, slots[i], Math.abs(a * v0) + Math.abs(lr * g));
                    double v = slots[i];
                    expected = u.rule() == Rule.MOMENTUM ? w0 + v : w0 + a * v - lr * g;
                    terms = u.rule() == Rule.MOMENTUM ? Math.abs(v) : Math.abs(a * v) + Math.abs(lr * g);
                }
                case ADAM -> {
                    double m0 = u.slots()[i];
                    double v0 = u.slots()[n + i];
                    assertState(u, "m", i, m0 + (g - m0) * (1 - a), slots[i], Math.abs(m0) + Math.abs(g));
                    assertState(u, "v", i, v0 + (g * g - v0) * (1 - b), slots[n + i], v0 + g * g);
                    double alpha = lr * Math.sqrt(1 - Math.pow(b, u.step())) / (1 - Math.pow(a, u.step()));
                    double step = alpha * slots[i] / (Math.sqrt(slots[n + i]) + eps);
                    expected = w0 - step;
                    terms = Math.abs(step);
                }
                case RMSPROP -> {
                    double s0 = u.slots()[i];
                    assertState(u, "mean square", i, a * s0 + (1 - a) * g * g, slots[i], a * s0 + (1 - a) * g * g);
                    expected = w0 - lr * g / Math.sqrt(slots[i] + eps);
                    terms = Math.abs(expected - w0);
                }
                case ADAGRAD -> {
                    double a0 = u.slots()[i];
                    assertState(u, "accumulator", i, a0 + g * g, slots[i], a0 + g * g);
                    expected = w0 - lr * g / Math.sqrt(slots[i] + eps);
                    terms = Math.abs(expected - w0);
                }
                default -> throw new AssertionError(u.rule());
            }
            double tolerance = Math.ulp((float) Math.max(Math.abs(w0), Math.abs(expected))) + 1e-5 * terms;
            int k = i;
            double e = expected;
            assertTrue(Math.abs(w[i] - expected) <= tolerance,
                    () -> u.rule() + " weight " + k + ": kernel " + w[k] + ", rule " + e + " (from " + u.w()[k] + ")");
        }
    }

    private static void assertState(Update u, String what, int i, double expected, float actual, double scale) {
        assertTrue(Math.abs(actual - expected) <= ULPS * FLOAT_EPS * scale + Float.MIN_NORMAL,
                () -> u.rule() + " " + what + " " + i + ": kernel " + actual + ", rule " + expected);
    }
}
