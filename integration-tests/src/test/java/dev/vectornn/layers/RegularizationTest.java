package dev.vectornn.layers;

import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kernel and bias regularizers on {@code Dense} add their penalty to the loss and its gradient to
 * the weights' gradient; kernel constraints apply after each update. Worked values from Keras 3's
 * formulas (keras/src/regularizers/regularizers.py, keras/src/constraints/constraints.py).
 */
class RegularizationTest {

    /** Dense(1) without bias over 2 inputs, kernel set to {@code w}. */
    private static Sequential model(Dense dense, float... w) {
        Sequential m = new Sequential().seed(1);
        m.add(dense.inputDim(2));
        m.compile("mse", new Sgd(0.5));
        m.setParameters(w);
        return m;
    }

    @Test
    void l2AddsItsPenaltyToTheLossAndItsGradientToTheWeights() {
        // Keras L2(0.01): 0.01 · Σw² = 0.01 · (1 + 4) = 0.05; gradient 2 · 0.01 · w = [0.02, −0.04].
        // With x = 0 and target 0 the data loss is 0, so evaluate reports exactly the penalty, as Keras does.
        Sequential m = model(new Dense(1).useBias(false).kernelRegularizer("l2"), 1, -2);
        float[][] x = {{0, 0}};
        float[][] y = {{0}};
        assertEquals(0.05, m.evaluate(x, y).get(0), 1e-7);
        assertEquals(0.05, m.trainOnBatch(x, y), 1e-7);
        assertArrayEquals(new float[] {0.02f, -0.04f}, m.gradientsView(), 1e-7f);
        // SGD(0.5): w − 0.5 · g = [0.99, −1.98].
        assertArrayEquals(new float[] {0.99f, -1.98f}, m.getParameters(), 1e-7f);
    }

    @Test
    void l1AndL1L2AndTheBiasRegularizer() {
        // Keras L1(0.01): 0.01 · Σ|w| = 0.03, gradient 0.01 · sign(w); L1L2(0.1, 0.2) on the bias b = 3:
        // 0.1 · 3 + 0.2 · 9 = 2.1, gradient 0.1 + 0.4 · 3 = 1.3.
        Sequential m = model(new Dense(1).kernelRegularizer("l1").biasRegularizer(Regularizer.l1l2(0.1, 0.2)), 1, -2, 3);
        float[][] x = {{0, 0}};
        float[][] y = {{3}}; // the bias predicts the target: the data loss is 0
        assertEquals(2.13, m.evaluate(x, y).get(0), 1e-6);
        m.trainOnBatch(x, y);
        assertArrayEquals(new float[] {0.01f, -0.01f, 1.3f}, m.gradientsView(), 1e-6f);
        assertEquals(Map.of("name", "l1_l2", "config", Map.of("l1", 0.1, "l2", 0.2)),
                m.layers().get(0).config().get("bias_regularizer"));
    }

    @Test
    void constraintsApplyAfterTheUpdateAsKerasDefinesThem() {
        float[][] x = {{0, 0}};
        float[][] y = {{0}};
        // MaxNorm(2, axis=0) on the column [3, 4] (norm 5): w · 2 / (1e-7 + 5) = [1.2, 1.6].
        Sequential maxNorm = model(new Dense(1).useBias(false).kernelConstraint("max_norm"), 3, 4);
        maxNorm.trainOnBatch(x, y); // a zero gradient: only the constraint moves the weights
        assertArrayEquals(new float[] {1.2f, 1.6f}, maxNorm.getParameters(), 1e-6f);
        // UnitNorm(axis=0): [3, 4] / 5 = [0.6, 0.8]; NonNeg: [−1, 2] → [0, 2].
        Sequential unit = model(new Dense(1).useBias(false).kernelConstraint(Constraint.unitNorm(0)), 3, 4);
        unit.trainOnBatch(x, y);
        assertArrayEquals(new float[] {0.6f, 0.8f}, unit.getParameters(), 1e-6f);
        Sequential nonNeg = model(new Dense(1).useBias(false).kernelConstraint("non_neg"), -1, 2);
        nonNeg.trainOnBatch(x, y);
        assertArrayEquals(new float[] {0f, 2f}, nonNeg.getParameters());
        // A norm below max_value is left alone (up to the factor 1/(1 + 1e-7 / ‖w‖)).
        Sequential small = model(new Dense(1).useBias(false).kernelConstraint(Constraint.maxNorm(2, 0)), 0.3f, 0.4f);
        small.trainOnBatch(x, y);
        assertArrayEquals(new float[] {0.3f, 0.4f}, small.getParameters(), 1e-6f);
    }

    @Test
    void maxNormAlongAxisOneConstrainsEachRow() {
        // Kernel [2, 2] = [[3, 4], [0, 1]], axis 1: row norms 5 and 1 → [[1.2, 1.6], [0, 1]] with max_value 2.
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(2).useBias(false).inputDim(2).kernelConstraint(Constraint.maxNorm(2, 1)));
        m.compile("mse", new Sgd(0.5));
        m.setParameters(new float[] {3, 4, 0, 1});
        m.trainOnBatch(new float[][] {{0, 0}}, new float[][] {{0, 0}});
        assertArrayEquals(new float[] {1.2f, 1.6f, 0f, 1f}, m.getParameters(), 1e-6f);
    }

    @Test
    void namesAndSettingsAreCheckedAndShown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regularizer.byName("l3"));
        assertTrue(e.getMessage().contains("l1_l2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Constraint.byName("min_max_norm"));
        assertTrue(e.getMessage().contains("max_norm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Regularizer.l2(-1));
        assertTrue(e.getMessage().contains("l2"), e.getMessage());
        assertEquals(0.01, Regularizer.byName("L2").l2());
        assertEquals(0.0, Regularizer.byName("L1L2").l1()); // Keras 3: L1L2(l1=0.0, l2=0.0)
        Sequential m = model(new Dense(1).kernelRegularizer("l2").kernelConstraint("max_norm"), 1, 1, 0);
        assertTrue(m.summary().contains("kernel_regularizer=L2(0.01)"), m.summary());
        assertTrue(m.summary().contains("kernel_constraint=MaxNorm(2.0, axis=0)"), m.summary());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layers.create("dense", Map.of("units", 2, "kernel_regularizer", Map.of("name", "l2", "config",
                        Map.of("l2", 0.1, "l1", 0.2)))));
        assertTrue(e.getMessage().contains("l1"), e.getMessage());
    }
}
