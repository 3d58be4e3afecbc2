package dev.vectornn.properties;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;
import dev.vectornn.testkit.PropertySettings;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every loss kernel of every backend is ≥ 0, and minimal at the target.
 *
 * <p>Mean squared error is exactly 0 at the target and positive elsewhere. The cross-entropies
 * clip probabilities to {@code [1e-7, 1 − 1e-7]} as Keras does, so at a one-hot (or 0/1) target
 * they give {@code −log(1 − 1e-7) ≈ 1.2e-7} per sample, not 0: the properties say so honestly
 * ({@link #CLIP_FLOOR} per sample) and require every other prediction to score strictly more.
 * For soft targets the minimum, at {@code p = t}, is the entropy of {@code t}, not 0.
 */
class LossPropertiesTest {

    /** Per-sample cross-entropy at a one-hot target: −log(float(1 − 1e-7)) ≈ 1.19e-7, with slack for a backend's log. */
    static final double CLIP_FLOOR = 1.3e-7;
    static final int EXAMPLES = 200;

    /** Predictions and targets of one loss on one backend: rows × cols, p (or y) and t. */
    record Case(Backend backend, int rows, int cols, float[] p, float[] t) {
        @Override
        public String toString() {
            return backend.name() + ": " + rows + "×" + cols + " p=" + Arrays.toString(p) + " t=" + Arrays.toString(t);
        }
    }

    /** MSE: targets on a grid in ±1; each output equals its target or differs by at least 0.001. */
    static Gen<Case> regression(Backend b) {
        return in -> {
            int rows = (int) in.next(Constraint.between(1, 8));
            int cols = (int) in.next(Constraint.between(1, 8));
            float[] t = new float[rows * cols];
            float[] y = new float[rows * cols];
            for (int i = 0; i < t.length; i++) {
                t[i] = in.next(Constraint.between(-1000, 1000)) / 1000f;
                y[i] = t[i] + in.next(Constraint.between(-1000, 1000)) / 1000f * (in.next(Constraint.between(0, 1)) == 0 ? 0 : 1);
            }
            return new Case(b, rows, cols, y, t);
        };
    }

    /** Rows of softmax probabilities (logits in ±5, so every p is in (4e-5, 1 − 4e-5)) and one-hot targets. */
    static Gen<Case> classification(Backend b) {
        return in -> {
            int rows = (int) in.next(Constraint.between(1, 8));
            int cols = (int) in.next(Constraint.between(2, 8));
            float[] p = new float[rows * cols];
            float[] t = new float[rows * cols];
            for (int i = 0; i < p.length; i++) {
                p[i] = in.next(Constraint.between(-500, 500)) / 100f;
            }
            b.kernels().activationForward(Activation.SOFTMAX, rows, cols, p, 0, p, 0);
            for (int r = 0; r < rows; r++) {
                t[r * cols + (int) in.next(Constraint.between(0, cols - 1))] = 1f;
            }
            return new Case(b, rows, cols, p, t);
        };
    }

    /** Independent probabilities in [0.001, 0.999] and 0/1 or soft targets. */
    static Gen<Case> binary(Backend b) {
        return in -> {
            int rows = (int) in.next(Constraint.between(1, 8));
            int cols = (int) in.next(Constraint.between(1, 8));
            boolean hard = in.next(Constraint.between(0, 1)) == 0;
            float[] p = new float[rows * cols];
            float[] t = new float[rows * cols];
            for (int i = 0; i < p.length; i++) {
                p[i] = in.next(Constraint.between(1, 999)) / 1000f;
                t[i] = hard ? in.next(Constraint.between(0, 1)) : in.next(Constraint.between(1, 999)) / 1000f;
            }
            return new Case(b, rows, cols, p, t);
        };
    }

    @Test
    void meanSquaredErrorIsZeroExactlyAtTheTarget() {
        for (Backend b : TestBackends.all()) {
            Kernels k = b.kernels();
            PropertySettings.qt(EXAMPLES).forAll(regression(b)).checkAssert(c -> {
                float loss = k.meanSquaredError(c.rows(), c.cols(), c.p(), 0, c.t(), 0, null, 0);
                float atTarget = k.meanSquaredError(c.rows(), c.cols(), c.t(), 0, c.t(), 0, null, 0);
                assertTrue(loss >= 0f, "MSE " + loss);
                assertEquals(0f, atTarget, "MSE at the target");
                assertEquals(Arrays.equals(c.p(), c.t()), loss == 0f, "MSE " + loss + " is 0 exactly when y = t");
            });
        }
    }

    @Test
    void categoricalCrossEntropyIsMinimalAtOneHotTargets() {
        for (Backend b : TestBackends.all()) {
            Kernels k = b.kernels();
            PropertySettings.qt(EXAMPLES).forAll(classification(b)).checkAssert(c -> {
                float loss = k.categoricalCrossEntropy(c.rows(), c.cols(), c.p(), 0, c.t(), 0, null, 0, true);
                float atTarget = k.categoricalCrossEntropy(c.rows(), c.cols(), c.t(), 0, c.t(), 0, null, 0, true);
                assertAtTargetNearZeroAndBelow(c, loss, atTarget);
                float[] labels = labels(c);
                assertEquals(loss, k.sparseCategoricalCrossEntropy(c.rows(), c.cols(), c.p(), 0, labels, 0, null, 0, true),
                        Math.ulp(loss) * 4 * c.rows(), "sparse and one-hot categorical cross-entropy agree");
                float sparseAtTarget = k.sparseCategoricalCrossEntropy(c.rows(), c.cols(), c.t(), 0, labels, 0, null, 0, true);
                assertAtTargetNearZeroAndBelow(c, loss, sparseAtTarget);
            });
        }
    }

    @Test
    void binaryCrossEntropyIsMinimalAtTheTarget() {
        for (Backend b : TestBackends.all()) {
            Kernels k = b.kernels();
            PropertySettings.qt(EXAMPLES).forAll(binary(b)).checkAssert(c -> {
                float loss = k.binaryCrossEntropy(c.rows(), c.cols(), c.p(), 0, c.t(), 0, null, 0, true);
                float atTarget = k.binaryCrossEntropy(c.rows(), c.cols(), c.t(), 0, c.t(), 0, null, 0, true);
                assertTrue(loss >= 0f && atTarget >= 0f, "binary cross-entropy " + loss + ", at the target " + atTarget);
                boolean hard = true;
                for (float v : c.t()) {
                    hard &= v == 0f || v == 1f;
                }
                if (hard) {
                    assertAtTargetNearZeroAndBelow(c, loss, atTarget);
                } else {
                    // Gibbs' inequality: the soft target's entropy is the minimum (not 0).
                    assertTrue(loss >= atTarget - 1e-6 * c.rows(), "loss " + loss + " below its value at the target " + atTarget);
                }
            });
        }
    }

    private static void assertAtTargetNearZeroAndBelow(Case c, float loss, float atTarget) {
        assertTrue(atTarget >= 0f && atTarget <= CLIP_FLOOR * c.rows(),
                "at the target the loss is " + atTarget + ", expected the clipping floor −log(1 − 1e-7) per sample");
        assertTrue(loss > atTarget, "loss " + loss + " away from the target is not above its value at the target " + atTarget);
    }

    private static float[] labels(Case c) {
        float[] labels = new float[c.rows()];
        for (int r = 0; r < c.rows(); r++) {
            for (int j = 0; j < c.cols(); j++) {
                if (c.t()[r * c.cols() + j] == 1f) {
                    labels[r] = j;
                }
            }
        }
        return labels;
    }
}
