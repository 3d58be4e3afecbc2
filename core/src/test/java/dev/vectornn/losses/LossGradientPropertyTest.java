package dev.vectornn.losses;

import dev.vectornn.spi.Activation;
import dev.vectornn.testkit.PropertySettings;
import dev.vectornn.testkit.ReferenceNetwork;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient every loss writes agrees with central finite differences of the loss it returns.
 *
 * <p>Numerics: the losses return a float sum computed in double, so the difference quotient with
 * step {@code h = 1e-3} carries a rounding error of about {@code ulp(L) / 2h}; a coordinate fails
 * only if it is off by more than {@code 2e-3} relatively <em>and</em> by more than that rounding
 * floor (plus {@code 1e-5}). Truncation ({@code h² f'''/6}) stays far below on the ranges drawn.
 * A derivative wrong by a factor 1.1 is off by about 5e-2 relatively. Samples keep {@code 0.01}
 * (ten steps) away from every kink and clip bound, and soft targets do not sum to 1.
 */
class LossGradientPropertyTest {

    static final int EXAMPLES = 150;
    static final double H = 1e-3;

    /** One batch: loss, shape, outputs (or logits), targets, and an optional map from logits to outputs. */
    record Case(Loss loss, int rows, int cols, float[] y, float[] t, UnaryOperator<float[]> activation) {
        @Override
        public String toString() {
            return loss + " " + rows + "×" + cols + " y=" + Arrays.toString(y) + " t=" + Arrays.toString(t)
                    + (activation == null ? "" : " (through an activation, fused)");
        }
    }

    /** Asserts the written gradient against the difference quotient, coordinate by coordinate. */
    static void check(Case c) {
        float[] grad = new float[c.y.length];
        float[] in = c.activation == null ? c.y : c.activation.apply(c.y);
        c.loss.compute(null, c.rows, c.cols, in, 0, c.t, 0, grad, 0, c.activation != null);
        for (int i = 0; i < c.y.length; i++) {
            float[] plus = c.y.clone();
            float[] minus = c.y.clone();
            plus[i] = (float) (c.y[i] + H);
            minus[i] = (float) (c.y[i] - H);
            float lp = loss(c, plus);
            float lm = loss(c, minus);
            double step = (double) plus[i] - minus[i];
            double numeric = ((double) lp - lm) / step / c.rows;
            double analytic = grad[i];
            double floor = 2 * Math.ulp(Math.max(Math.abs(lp), Math.abs(lm))) / step / c.rows + 1e-5;
            double abs = Math.abs(analytic - numeric);
            assertTrue(abs <= floor || abs <= 2e-3 * (Math.abs(analytic) + Math.abs(numeric)),
                    "coordinate " + i + ": analytic " + analytic + ", numeric " + numeric + " for " + c);
        }
    }

    private static float loss(Case c, float[] y) {
        float[] in = c.activation == null ? y : c.activation.apply(y);
        return c.loss.compute(null, c.rows, c.cols, in, 0, c.t, 0, null, 0, false);
    }

    // ---------------------------------------------------------------- generators

    static float uniform(org.quicktheories.core.RandomnessSource in, double lo, double hi) {
        long k = in.next(Constraint.between(0, 1_000_000));
        return (float) (lo + (hi - lo) * k / 1_000_000.0);
    }

    /** Outputs and targets drawn by {@code draw}, rejected (assumption) where {@code ok} fails. */
    interface Pair {
        /** Fills y[i] and t[i]. */
        void draw(org.quicktheories.core.RandomnessSource in, float[] y, float[] t, int i);
    }

    static Gen<Case> elementwise(Loss loss, Pair pair) {
        return in -> {
            int rows = (int) in.next(Constraint.between(1, 4));
            int cols = (int) in.next(Constraint.between(1, 5));
            float[] y = new float[rows * cols];
            float[] t = new float[rows * cols];
            for (int i = 0; i < y.length; i++) {
                pair.draw(in, y, t, i);
            }
            return new Case(loss, rows, cols, y, t, null);
        };
    }

    /** An error of at least 0.01 in size, either sign, around a target in [lo, hi]. */
    static Pair awayFromTarget(double lo, double hi, double maxError) {
        return (in, y, t, i) -> {
            t[i] = uniform(in, lo, hi);
            float e = uniform(in, 0.01, maxError);
            y[i] = t[i] + (in.next(Constraint.between(0, 1)) == 0 ? e : -e);
        };
    }

    @Test
    void meanAbsoluteError() {
        PropertySettings.qt(EXAMPLES).forAll(elementwise(new MeanAbsoluteError(), awayFromTarget(-2, 2, 2)))
                .checkAssert(LossGradientPropertyTest::check);
    }

    @Test
    void meanAbsolutePercentageError() {
        PropertySettings.qt(EXAMPLES).forAll(elementwise(new MeanAbsolutePercentageError(), (in, y, t, i) -> {
            t[i] = uniform(in, 0.2, 3) * (in.next(Constraint.between(0, 1)) == 0 ? 1 : -1);
            float e = uniform(in, 0.01, 1);
            y[i] = t[i] + (in.next(Constraint.between(0, 1)) == 0 ? e : -e);
        })).checkAssert(LossGradientPropertyTest::check);
    }

    @Test
    void meanSquaredLogarithmicError() {
        PropertySettings.qt(EXAMPLES).forAll(elementwise(new MeanSquaredLogarithmicError(), (in, y, t, i) -> {
            y[i] = uniform(in, 0.01, 5);
            t[i] = uniform(in, 0, 5);
        })).checkAssert(LossGradientPropertyTest::check);
    }

    @Test
    void huberAtSeveralDeltas() {
        Gen<Case> cases = in -> {
            double delta = uniform(in, 0.3, 2);
            Case c = elementwise(new Huber(delta), (r, y, t, i) -> {
                t[i] = uniform(r, -2, 2);
                // |error| keeps 0.01 from δ.
                float e = r.next(Constraint.between(0, 1)) == 0 ? uniform(r, 0, delta - 0.01) : uniform(r, delta + 0.01, 3);
                y[i] = t[i] + (r.next(Constraint.between(0, 1)) == 0 ? e : -e);
            }).generate(in);
            return c;
        };
        PropertySettings.qt(EXAMPLES).forAll(cases).checkAssert(LossGradientPropertyTest::check);
    }

    @Test
    void logCosh() {
        PropertySettings.qt(EXAMPLES).forAll(elementwise(new LogCosh(), (in, y, t, i) -> {
            y[i] = uniform(in, -4, 4);
            t[i] = uniform(in, -4, 4);
        })).checkAssert(LossGradientPropertyTest::check);
    }

    @Test
    void poisson() {
        PropertySettings.qt(EXAMPLES).forAll(elementwise(new Poisson(), (in, y, t, i) -> {
            y[i] = uniform(in, 0.05, 3);
            t[i] = in.next(Constraint.between(0, 4)) * (in.next(Constraint.between(0, 1)) == 0 ? 1f : 0.7f);
        })).checkAssert(LossGradientPropertyTest::check);
    }

    @Test
    void klDivergenceWithTargetsThatDoNotSumToOne() {
        PropertySettings.qt(EXAMPLES).forAll(elementwise(new KLDivergence(), (in, y, t, i) -> {
            y[i] = uniform(in, 0.01, 0.99);
            t[i] = in.next(Constraint.between(0, 3)) == 0 ? 0 : uniform(in, 0, 1);
        })).checkAssert(LossGradientPropertyTest::check);
    }

    /** ±1 or 0/1 targets with {@code |1 − t·y|} at least 0.01 (for 0/1, of the converted ±1 target). */
    static Gen<Case> hinge(Loss loss) {
        return in -> {
            boolean zeroOne = in.next(Constraint.between(0, 1)) == 0;
            return elementwise(loss, (r, y, t, i) -> {
                float signed = r.next(Constraint.between(0, 1)) == 0 ? 1 : -1;
                t[i] = zeroOne ? (signed + 1) / 2 : signed;
                // t·y = 1 − m with |m| ≥ 0.01
                float m = uniform(r, 0.01, 2) * (r.next(Constraint.between(0, 1)) == 0 ? 1 : -1);
                y[i] = (1 - m) * signed;
            }).generate(in);
        };
    }

    @Test
    void hinge() {
        PropertySettings.qt(EXAMPLES).forAll(hinge(new Hinge())).checkAssert(LossGradientPropertyTest::check);
    }

    @Test
    void squaredHinge() {
        PropertySettings.qt(EXAMPLES).forAll(hinge(new SquaredHinge())).checkAssert(LossGradientPropertyTest::check);
    }

    @Test
    void categoricalHingeWithOneHotAndSoftTargets() {
        Gen<Case> cases = in -> {
            int rows = (int) in.next(Constraint.between(1, 4));
            int cols = (int) in.next(Constraint.between(2, 5));
            boolean soft = in.next(Constraint.between(0, 1)) == 0;
            float[] y = new float[rows * cols];
            float[] t = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                int hot = (int) in.next(Constraint.between(0, cols - 1));
                for (int j = 0; j < cols; j++) {
                    y[r * cols + j] = uniform(in, -2, 2);
                    t[r * cols + j] = soft ? uniform(in, 0, 1) : (j == hot ? 1 : 0);
                }
            }
            return new Case(new CategoricalHinge(), rows, cols, y, t, null);
        };
        PropertySettings.qt(EXAMPLES).forAll(cases).assuming(LossGradientPropertyTest::categoricalHingeSmooth)
                .checkAssert(LossGradientPropertyTest::check);
    }

    /** Away from the kinks: the margin is 0.02 from 0 and the largest (1 − t)·y leads the next by 0.02. */
    static boolean categoricalHingeSmooth(Case c) {
        for (int r = 0; r < c.rows; r++) {
            double pos = 0;
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c.cols; j++) {
                int i = r * c.cols + j;
                pos += c.t[i] * c.y[i];
                double n = (1 - c.t[i]) * c.y[i];
                if (n > first) {
                    second = first;
                    first = n;
                } else if (n > second) {
                    second = n;
                }
            }
            if (Math.abs(first - pos + 1) < 0.02 || first - second < 0.02) {
                return false;
            }
        }
        return true;
    }

    @Test
    void cosineSimilarity() {
        Gen<Case> cases = elementwise(new CosineSimilarity(), (in, y, t, i) -> {
            y[i] = uniform(in, -2, 2);
            t[i] = uniform(in, -2, 2);
        });
        PropertySettings.qt(EXAMPLES).forAll(cases).assuming(c -> minRowNorm(c.y, c.rows, c.cols) > 0.3)
                .checkAssert(LossGradientPropertyTest::check);
    }

    static double minRowNorm(float[] v, int rows, int cols) {
        double min = Double.MAX_VALUE;
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += (double) v[r * cols + j] * v[r * cols + j];
            }
            min = Math.min(min, Math.sqrt(s));
        }
        return min;
    }

    // ---------------------------------------------------------------- cross-entropies with settings

    /** Logits in ±4 and soft targets in [0, 1] that do not sum to 1 (or one-hot, or labels). */
    static Gen<Case> crossEntropy(String kind, boolean fromLogits, boolean fused) {
        return in -> {
            int rows = (int) in.next(Constraint.between(1, 4));
            int cols = (int) in.next(Constraint.between(kind.equals("binary") ? 1 : 2, 5));
            // Without logits, some smoothing: the plain case is the backends' kernel, tested per backend.
            double smoothing = kind.equals("sparse") ? 0 : uniform(in, fromLogits ? 0 : 0.01, 0.3);
            boolean sparse = kind.equals("sparse");
            float[] y = new float[rows * cols];
            float[] t = new float[sparse ? rows : rows * cols];
            for (int i = 0; i < y.length; i++) {
                y[i] = fromLogits || fused ? uniform(in, -4, 4) : uniform(in, 0.02, 0.98);
            }
            for (int i = 0; i < t.length; i++) {
                t[i] = sparse ? in.next(Constraint.between(0, cols - 1)) : uniform(in, 0, 1);
            }
            Loss loss = kind.equals("binary") ? new BinaryCrossentropy(fromLogits, smoothing)
                    : kind.equals("sparse") ? new SparseCategoricalCrossentropy(fromLogits)
                    : new CategoricalCrossentropy(fromLogits, smoothing);
            UnaryOperator<float[]> activation = !fused ? null
                    : z -> activated(kind.equals("binary") ? Activation.SIGMOID : Activation.SOFTMAX, z, rows, cols);
            return new Case(loss, rows, cols, y, t, activation);
        };
    }

    /** {@code act} of each row, through the test kit's double-precision reference. */
    static float[] activated(Activation act, float[] z, int rows, int cols) {
        double[] v = ReferenceNetwork.toDouble(z);
        float[] p = new float[z.length];
        for (int r = 0; r < rows; r++) {
            ReferenceNetwork.activate(act, v, r * cols, cols);
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) v[i];
        }
        return p;
    }

    @Test
    void crossEntropiesFromLogits() {
        for (String kind : new String[] {"categorical", "sparse", "binary"}) {
            PropertySettings.qt(EXAMPLES).forAll(crossEntropy(kind, true, false)).checkAssert(LossGradientPropertyTest::check);
        }
    }

    @Test
    void smoothedCrossEntropiesOnProbabilities() {
        for (String kind : new String[] {"categorical", "binary"}) {
            PropertySettings.qt(EXAMPLES).forAll(crossEntropy(kind, false, false)).checkAssert(LossGradientPropertyTest::check);
        }
    }

    /** Fused with softmax/sigmoid, the gradient is with respect to the logits: differentiate through the activation. */
    @Test
    void smoothedCrossEntropiesFusedWithTheirActivation() {
        for (String kind : new String[] {"categorical", "binary"}) {
            PropertySettings.qt(EXAMPLES).forAll(crossEntropy(kind, false, true))
                    .assuming(c -> clipFree(c.activation.apply(c.y)))
                    .checkAssert(LossGradientPropertyTest::check);
        }
    }

    /** Probabilities 1e-4 inside the clip range, where the loss is differentiable. */
    static boolean clipFree(float[] p) {
        for (float v : p) {
            if (v < 1e-4 || v > 1 - 1e-4) {
                return false;
            }
        }
        return true;
    }
}
