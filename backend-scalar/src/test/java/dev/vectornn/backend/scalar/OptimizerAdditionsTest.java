package dev.vectornn.backend.scalar;

import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.AdamW;
import dev.vectornn.optimizers.Adamax;
import dev.vectornn.optimizers.Adagrad;
import dev.vectornn.optimizers.Lion;
import dev.vectornn.optimizers.Nadam;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.RmsProp;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.optimizers.schedules.PiecewiseConstantDecay;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.vectornn.backend.scalar.OptimizerRulesTest.close;
import static dev.vectornn.backend.scalar.OptimizerRulesTest.values;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Nadam, Adamax, Lion, AdamW, weight decay and gradient clipping (issue 14 item 5) through the
 * optimizer classes on the reference kernels: worked values, each rule against its Keras 3
 * formula in double, and properties of weight decay and clipping. Budget: well under a second.
 */
class OptimizerAdditionsTest {

    private static final Kernels K = new ReferenceKernels();

    /** Two updates of one weight starting at 1 with gradients 0.5 then −0.25; returns w after each. */
    private static float[] twoSteps(Optimizer o) {
        float[] w = {1f};
        float[] slots = new float[o.slotsPerParameter()];
        o.initializeSlots(slots, 1);
        float[] after = new float[2];
        float[] grads = {0.5f, -0.25f};
        for (int t = 1; t <= 2; t++) {
            o.update(K, 1, w, new float[] {grads[t - 1]}, slots, t);
            after[t - 1] = w[0];
        }
        return after;
    }

    private static void near(double expected, float actual, String what) {
        assertEquals(expected, actual, 2e-6, what);
    }

    // ------------------------------------------------------------------ worked values

    @Test
    void nadamTwoSteps() {
        // numpy float32 transcription of keras/src/optimizers/nadam.py (update_step and the
        // u_product update in _backend_update_step), lr 0.1, other settings Keras' defaults:
        // w = 0.893721223 after step 1, 0.932980597 after step 2.
        float[] w = twoSteps(new Nadam(0.1));
        near(0.893721223, w[0], "step 1");
        near(0.932980597, w[1], "step 2");
    }

    @Test
    void adamaxTwoSteps() {
        // numpy float32 transcription of keras/src/optimizers/adamax.py, lr 0.1:
        // step 1 m = 0.05, u = 0.5, w = 1 − 0.1·0.05 / (0.1·(0.5 + 1e-7)) = 0.900000036;
        // step 2 w = 0.878926337.
        float[] w = twoSteps(new Adamax(0.1));
        near(0.900000036, w[0], "step 1");
        near(0.878926337, w[1], "step 2");
    }

    @Test
    void lionTwoSteps() {
        // keras/src/optimizers/lion.py, lr 0.1, β1 0.9, β2 0.99, by hand: step 1 sign(0.1·0.5) = 1,
        // w = 0.9, m = 0.01·0.5 = 0.005; step 2 sign(0.9·0.005 − 0.1·0.25) = −1, w = 1.0.
        Optimizer lion = new Lion(0.1);
        float[] w = twoSteps(lion);
        near(0.9, w[0], "step 1");
        near(1.0, w[1], "step 2");
        float[] m = new float[1];
        float[] one = {1f};
        lion.update(K, 1, one, new float[] {0.5f}, m, 1);
        near(0.005, m[0], "momentum after step 1");
    }

    @Test
    void adamWTwoStepsFollowKerasNotPyTorch() {
        // numpy float32 transcription of Keras 3 (base_optimizer._apply_weight_decay, then
        // adam.py), lr 0.1, weight_decay 0.004: step 1 w = (1 − 0.0004) − 0.0316228·0.05/(√0.00025 + 1e-7)
        // = 0.899600625, step 2 0.87260735. torch.optim.AdamW(lr=0.1, weight_decay=0.004, eps=1e-7)
        // gives 0.89960002 and 0.872606483: it adds ε to the bias-corrected √v̂.
        float[] w = twoSteps(new AdamW(0.1, 0.004));
        near(0.899600625, w[0], "step 1");
        near(0.87260735, w[1], "step 2");
        assertTrue(Math.abs(w[0] - 0.89960002) > 3e-7, "not PyTorch's first step");
    }

    @Test
    void adamWDefaultsAreKeras() {
        // keras.optimizers.AdamW(): learning_rate 0.001, weight_decay 0.004, beta_1 0.9, beta_2 0.999, epsilon 1e-7.
        assertEquals(Map.of("learning_rate", 0.001, "weight_decay", 0.004, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7),
                new AdamW().config());
    }

    @Test
    void weightDecayOnSgdDecaysBeforeTheStep() {
        // Keras: w −= w · wd · lr, then the SGD step. w = 1, g = 0.5, lr 0.1, wd 0.1:
        // 1 − 0.01 = 0.99, then 0.99 − 0.05 = 0.94.
        Optimizer sgd = new Sgd(0.1).withConfig(Map.of("weight_decay", 0.1));
        float[] w = {1f};
        sgd.update(K, 1, w, new float[] {0.5f}, new float[0], 1);
        near(0.94, w[0], "w");
    }

    @Test
    void aScheduleSetsTheRateOfEachStepFromTheStepCountBeforeIt() {
        // Keras evaluates the schedule at `iterations` (0 for the first update). Boundaries [1],
        // values [0.5, 0.25]: updates 1 and 2 (iterations 0 and 1) use 0.5, update 3 uses 0.25.
        Optimizer sgd = new Sgd().withLearningRate(new PiecewiseConstantDecay(new long[] {1}, new double[] {0.5, 0.25}));
        float[] w = {0f};
        float[] g = {1f};
        sgd.update(K, 1, w, g, new float[0], 1);
        near(-0.5, w[0], "update 1");
        sgd.update(K, 1, w, g, new float[0], 2);
        near(-1.0, w[0], "update 2");
        sgd.update(K, 1, w, g, new float[0], 3);
        near(-1.25, w[0], "update 3");
        assertEquals(0.5, sgd.learningRate(1));
        assertEquals(0.25, sgd.learningRate(2));
    }

    @Test
    void aScheduleThatGivesANegativeRateIsRefusedBeforeAnythingChanges() {
        Optimizer adam = new Adam().withLearningRate(step -> step < 1 ? 0.1 : -1);
        float[] w = {1f};
        float[] slots = new float[2];
        adam.update(K, 1, w, new float[] {0.5f}, slots, 1);
        float[] wBefore = w.clone();
        float[] slotsBefore = slots.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.update(K, 1, w, new float[] {0.5f}, slots, 2));
        assertTrue(e.getMessage().contains("gave -1.0 at step 1"), e.getMessage());
        assertArrayEquals(wBefore, w);
        assertArrayEquals(slotsBefore, slots);
    }

    // ------------------------------------------------------------------ rules against their formulas

    @Test
    void newRulesFollowTheirKerasFormulas() {
        qt().withExamples(100).withFixedSeed(41).forAll(integers().between(1, 6), integers().between(1, 30),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((n, step, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            float[] g = values(r, n, -3, 3);
            float[] w0 = values(r, n, -2, 2);
            float[] m0 = values(r, n, -1, 1);
            float[] v0 = values(r, n, 0.1, 2);
            float lr = 0.3f;
            float b1 = 0.8f;
            float b2 = 0.9f;
            float eps = 0.25f;
            Map<String, Object> settings = Map.of("learning_rate", (double) lr, "beta_1", (double) b1,
                    "beta_2", (double) b2, "epsilon", (double) eps);

            float[] w = w0.clone();
            float[] s = concat(m0, v0);
            new Nadam().withConfig(settings).update(K, n, w, g, s, step);
            double prodT = 1;
            for (int i = 1; i <= step; i++) {
                prodT *= b1 * (1 - 0.5 * Math.pow(0.96f, i));
            }
            double uT = b1 * (1 - 0.5 * Math.pow(0.96f, step));
            double uNext = b1 * (1 - 0.5 * Math.pow(0.96f, step + 1));
            for (int i = 0; i < n; i++) {
                double m = m0[i] + (g[i] - (double) m0[i]) * (1 - b1);
                double v = v0[i] + ((double) g[i] * g[i] - v0[i]) * (1 - b2);
                double mHat = uNext * m / (1 - prodT * uNext) + (1 - uT) * g[i] / (1 - prodT);
                double vHat = v / (1 - Math.pow(b2, step));
                close(m, s[i], "nadam m " + i);
                close(v, s[n + i], "nadam v " + i);
                close(w0[i] - mHat * lr / (Math.sqrt(vHat) + eps), w[i], "nadam w " + i);
            }

            w = w0.clone();
            s = concat(m0, v0);
            new Adamax().withConfig(settings).update(K, n, w, g, s, step);
            for (int i = 0; i < n; i++) {
                double m = m0[i] + (g[i] - (double) m0[i]) * (1 - b1);
                double u = Math.max(b2 * (double) v0[i], Math.abs(g[i]));
                close(m, s[i], "adamax m " + i);
                close(u, s[n + i], "adamax u " + i);
                close(w0[i] - lr * m / ((1 - Math.pow(b1, step)) * (u + eps)), w[i], "adamax w " + i);
            }

            w = w0.clone();
            s = m0.clone();
            new Lion().withConfig(Map.of("learning_rate", (double) lr, "beta_1", (double) b1, "beta_2", (double) b2))
                    .update(K, n, w, g, s, step);
            for (int i = 0; i < n; i++) {
                double c = b1 * (double) m0[i] + (1 - b1) * (double) g[i];
                close(w0[i] - lr * Math.signum(c), w[i], "lion w " + i);
                close(b2 * (double) m0[i] + (1 - b2) * (double) g[i], s[i], "lion m " + i);
            }
        });
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = new float[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    // ------------------------------------------------------------------ weight decay

    private static List<Optimizer> everyOptimizer() {
        return List.of(new Sgd(0.1), new Sgd(0.1, 0.9, true), new Adam(0.01), new AdamW(0.01), new Nadam(0.01),
                new Adamax(0.01), new Lion(0.01), new RmsProp(0.01), new Adagrad(0.05));
    }

    @Test
    void weightDecayZeroIsThePlainRuleBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        for (Optimizer plain : everyOptimizer()) {
            Map<String, Object> noDecay = new HashMap<>();
            noDecay.put("weight_decay", plain instanceof AdamW ? 0.0 : null);
            Optimizer base = plain instanceof AdamW ? new Adam(0.01) : plain.withConfig(noDecay);
            Optimizer zero = plain.withConfig(Map.of("weight_decay", 0.0));
            int n = 37;
            float[] g = values(r, n, -1, 1);
            float[] w1 = values(r, n, -1, 1);
            float[] w2 = w1.clone();
            float[] s1 = new float[base.slotsPerParameter() * n];
            base.initializeSlots(s1, n);
            float[] s2 = s1.clone();
            for (int t = 1; t <= 3; t++) {
                base.update(K, n, w1, g, s1, t);
                zero.update(K, n, w2, g, s2, t);
            }
            assertArrayEquals(w1, w2, plain + " with weight_decay 0");
            assertArrayEquals(s1, s2, plain + " slots with weight_decay 0");
        }
    }

    @Test
    void weightDecayShrinksEveryWeightByTheSameFactorBeforeTheRule() {
        // With a zero gradient SGD does nothing, so only the decay remains: w · (1 − wd · lr) within rounding.
        qt().withExamples(50).withFixedSeed(3).forAll(integers().between(1, 40), integers().between(0, Integer.MAX_VALUE))
                .checkAssert((n, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    float[] w0 = values(r, n, -5, 5);
                    float[] w = w0.clone();
                    new Sgd(0.2).withConfig(Map.of("weight_decay", 0.3)).update(K, n, w, new float[n], new float[0], 1);
                    for (int i = 0; i < n; i++) {
                        close(w0[i] * (1 - 0.3 * 0.2), w[i], "w " + i);
                    }
                });
    }

    // ------------------------------------------------------------------ clipping

    @Test
    void clipnormClipsEachTensorOnItsOwn() {
        // Two tensors, [3, 4] (norm 5) and [0.3, 0.4] (norm 0.5); clipnorm 1 as Keras' _clip_by_norm,
        // g · 1 / max(norm, 1): [0.6, 0.8] and the second unchanged.
        float[] g = {3f, 4f, 0.3f, 0.4f};
        new Sgd().withConfig(Map.of("clipnorm", 1.0)).clipGradients(K, 4, g, new int[] {2, 4});
        assertArrayEquals(new float[] {0.6f, 0.8f, 0.3f, 0.4f}, g, 1e-7f);
    }

    @Test
    void globalClipnormScalesAllTensorsTogether() {
        // Global norm √(9 + 16 + 0.09 + 0.16) = √25.25 = 5.02494; scale 1 / 5.02494 = 0.199007 (Keras' clip_by_global_norm).
        float[] g = {3f, 4f, 0.3f, 0.4f};
        new Sgd().withConfig(Map.of("global_clipnorm", 1.0)).clipGradients(K, 4, g, new int[] {2, 4});
        double s = 1 / Math.sqrt(25.25);
        assertArrayEquals(new float[] {(float) (3 * s), (float) (4 * s), (float) (0.3 * s), (float) (0.4 * s)}, g, 1e-6f);
    }

    @Test
    void clipvalueClampsEachElement() {
        // ops.clip(g, −0.5, 0.5) element by element.
        float[] g = {3f, -4f, 0.3f, -0.4f};
        new Sgd().withConfig(Map.of("clipvalue", 0.5)).clipGradients(K, 4, g, new int[] {2, 4});
        assertArrayEquals(new float[] {0.5f, -0.5f, 0.3f, -0.4f}, g);
    }

    @Test
    void clippedGradientsStayWithinTheirBoundsAndKeepTheirDirection() {
        qt().withExamples(100).withFixedSeed(13).forAll(integers().between(1, 30), integers().between(1, 4),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((n, tensors, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            float[] g0 = values(r, n, -10, 10);
            int[] ends = new int[Math.min(tensors, n)];
            for (int t = 0; t < ends.length; t++) {
                ends[t] = (int) ((long) n * (t + 1) / ends.length);
            }
            double bound = 0.1 + r.nextDouble() * 5;

            float[] g = g0.clone();
            new Adam().withConfig(Map.of("clipnorm", bound)).clipGradients(K, n, g, ends);
            int start = 0;
            for (int end : ends) {
                double before = norm(g0, start, end);
                double after = norm(g, start, end);
                assertTrue(after <= bound * (1 + 1e-6), "tensor norm " + after + " > " + bound);
                if (before <= bound) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(g0, start, end), java.util.Arrays.copyOfRange(g, start, end),
                            "a tensor within the bound is unchanged");
                } else {
                    assertEquals(bound, after, bound * 1e-6, "clipped to the bound");
                }
                start = end;
            }
            sameDirection(g0, g);

            g = g0.clone();
            new Adam().withConfig(Map.of("global_clipnorm", bound)).clipGradients(K, n, g, ends);
            assertTrue(norm(g, 0, n) <= bound * (1 + 1e-6), "global norm within the bound");
            sameDirection(g0, g);

            g = g0.clone();
            new Adam().withConfig(Map.of("clipvalue", bound)).clipGradients(K, n, g, ends);
            for (int i = 0; i < n; i++) {
                assertTrue(Math.abs(g[i]) <= (float) bound, "element " + i);
                assertEquals(Math.abs(g0[i]) <= (float) bound ? g0[i] : Math.copySign((float) bound, g0[i]), g[i]);
            }
        });
    }

    private static double norm(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s);
    }

    private static void sameDirection(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            assertTrue(Math.signum(a[i]) == Math.signum(b[i]) || b[i] == 0, "element " + i + " kept its sign");
        }
    }
}
