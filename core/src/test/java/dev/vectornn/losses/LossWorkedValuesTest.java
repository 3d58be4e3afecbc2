package dev.vectornn.losses;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each loss against a worked value. Unless said otherwise the data and the value are the
 * standalone-usage example of the Keras 3 docs for that loss ({@code keras.losses.X()(y_true,
 * y_pred)}, the batch mean); {@code compute} returns the sum over rows, so the tests divide by the
 * row count. None of these losses reads the kernels, so none is passed.
 */
class LossWorkedValuesTest {

    /** The docs' usual pair: y_true = [[0, 1], [0, 0]], y_pred = [[0.6, 0.4], [0.4, 0.6]]. */
    static final float[] T = {0, 1, 0, 0};
    static final float[] Y = {0.6f, 0.4f, 0.4f, 0.6f};

    static double mean(Loss loss, int rows, int cols, float[] y, float[] t) {
        return loss.compute(null, rows, cols, y, 0, t, 0, null, 0, false) / rows;
    }

    @Test
    void meanAbsoluteError() {
        // Keras MeanAbsoluteError docs: y_true [[0, 1], [0, 0]], y_pred [[1, 1], [1, 0]] → 0.5.
        assertEquals(0.5, mean(Losses.get("mae"), 2, 2, new float[] {1, 1, 1, 0}, T), 1e-7);
    }

    @Test
    void meanAbsolutePercentageError() {
        // Keras MeanAbsolutePercentageError docs: y_true [[2, 1], [2, 3]], y_pred [[1, 1], [1, 0]] → 50.
        assertEquals(50.0, mean(Losses.get("mape"), 2, 2, new float[] {1, 1, 1, 0}, new float[] {2, 1, 2, 3}), 1e-5);
    }

    @Test
    void meanSquaredLogarithmicError() {
        // Keras MeanSquaredLogarithmicError docs: y_true [[0, 1], [0, 0]], y_pred [[1, 1], [1, 0]] → 0.240
        // (= (log 2)² / 2 = 0.24023).
        assertEquals(0.24023, mean(Losses.get("msle"), 2, 2, new float[] {1, 1, 1, 0}, T), 1e-5);
    }

    @Test
    void huberWithItsDefaultAndAConfiguredDelta() {
        // Keras Huber docs: the usual pair → 0.155.
        assertEquals(0.155, mean(Losses.get("huber"), 2, 2, Y, T), 1e-6);
        // delta 0.5, by Keras' formula 0.5·min(|e|, δ)² + δ·(|e| − min(|e|, δ)): |e| = 0.6 → 0.175,
        // 0.4 → 0.08; rows (0.175 + 0.175)/2 and (0.08 + 0.175)/2, mean 0.15125.
        assertEquals(0.15125, mean(new Huber(0.5), 2, 2, Y, T), 1e-6);
    }

    @Test
    void logCosh() {
        // Keras LogCosh docs: y_true [[0, 1], [0, 0]], y_pred [[1, 1], [0, 0]] → 0.108 (= log cosh 1 / 4 = 0.10844).
        assertEquals(0.10844, mean(Losses.get("log_cosh"), 2, 2, new float[] {1, 1, 0, 0}, T), 1e-5);
        // Large errors do not overflow: log cosh 1000 = 1000 − log 2.
        assertEquals(1000 - Math.log(2), mean(new LogCosh(), 1, 1, new float[] {1000}, new float[] {0}), 1e-3);
    }

    @Test
    void klDivergence() {
        // Keras KLDivergence docs: the usual pair → 0.458 (numpy with the 1e-7 clip: 0.458143).
        assertEquals(0.458143, mean(Losses.get("kld"), 2, 2, Y, T), 1e-5);
    }

    @Test
    void poisson() {
        // Keras Poisson docs: y_true [[0, 1], [0, 0]], y_pred [[1, 1], [0, 0]] → 0.5.
        assertEquals(0.5, mean(Losses.get("poisson"), 2, 2, new float[] {1, 1, 0, 0}, T), 1e-6);
    }

    @Test
    void hingeFamilyReadsZeroOneTargetsAsPlusMinusOne() {
        // Keras Hinge docs: the usual pair → 1.3; SquaredHinge → 1.86; CategoricalHinge → 1.4.
        assertEquals(1.3, mean(Losses.get("hinge"), 2, 2, Y, T), 1e-6);
        assertEquals(1.86, mean(Losses.get("squared_hinge"), 2, 2, Y, T), 1e-6);
        assertEquals(1.4, mean(Losses.get("categorical_hinge"), 2, 2, Y, T), 1e-6);
        // Already ±1 targets are taken as they are: the same batch written as ±1 gives the same 1.3.
        assertEquals(1.3, mean(new Hinge(), 2, 2, Y, new float[] {-1, 1, -1, -1}), 1e-6);
    }

    @Test
    void cosineSimilarity() {
        // Keras CosineSimilarity docs: y_true [[0, 1], [1, 1]], y_pred [[1, 0], [1, 1]] → −0.5.
        assertEquals(-0.5, mean(Losses.get("cosine_similarity"), 2, 2, new float[] {1, 0, 1, 1}, new float[] {0, 1, 1, 1}), 1e-6);
        // A zero output is orthogonal to everything: 0, not NaN.
        assertEquals(0.0, mean(new CosineSimilarity(), 1, 2, new float[] {0, 0}, new float[] {1, 1}), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> new CosineSimilarity().withConfig(Map.of("axis", 0)));
        assertTrue(e.getMessage().contains("axis") && e.getMessage().contains("last axis"), e.getMessage());
    }

    @Test
    void binaryCrossentropyFromLogitsAndSmoothed() {
        // Keras BinaryCrossentropy docs (from_logits=True): y_true [0, 1, 0, 0],
        // y_pred [-18.6, 0.51, 2.94, -12.8] → 0.865 (numpy, Keras' stable formula: 0.865458).
        float[] t = {0, 1, 0, 0};
        float[] z = {-18.6f, 0.51f, 2.94f, -12.8f};
        assertEquals(0.865458, mean(new BinaryCrossentropy(true, 0), 1, 4, z, t), 1e-5);
        // label_smoothing 0.2: targets become t·0.8 + 0.1; numpy of the same formula: 1.589708.
        assertEquals(1.589708, mean(new BinaryCrossentropy(true, 0.2), 1, 4, z, t), 1e-5);
    }

    @Test
    void categoricalCrossentropyFromLogitsAndSmoothed() {
        // Logits [[1, 2, −1], [0.5, −0.5, 3]], one-hot [[0, 1, 0], [0, 0, 1]]: −Σ t log softmax(z),
        // numpy: mean 0.227713; with label_smoothing 0.1 (t·0.9 + 0.1/3): 0.394380.
        float[] z = {1, 2, -1, 0.5f, -0.5f, 3};
        float[] t = {0, 1, 0, 0, 0, 1};
        assertEquals(0.227713, mean(new CategoricalCrossentropy(true, 0), 2, 3, z, t), 1e-5);
        assertEquals(0.394380, mean(new CategoricalCrossentropy(true, 0.1), 2, 3, z, t), 1e-5);
        // The sparse loss from logits on the same rows (labels 1 and 2) gives the same 0.227713.
        assertEquals(0.227713, mean(new SparseCategoricalCrossentropy(true), 2, 3, z, new float[] {1, 2}), 1e-5);
        // Probabilities with smoothing: Keras CategoricalCrossentropy docs' y_pred [[0.05, 0.95, 0],
        // [0.1, 0.8, 0.1]] with label_smoothing 0.1, numpy with the 1e-7 clip: 1.459136.
        float[] p = {0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f};
        assertEquals(1.459136, mean(new CategoricalCrossentropy(false, 0.1), 2, 3, p, t), 1e-5);
    }

    @Test
    void logitsThatWouldOverflowAnExponentialStayFinite() {
        float[] z = {800, -800};
        float[] grad = new float[2];
        float loss = new CategoricalCrossentropy(true, 0).compute(null, 1, 2, z, 0, new float[] {0, 1}, 0, grad, 0, false);
        // −log softmax(z)_1 = 1600 exactly; gradient softmax − t = [1, −1].
        assertEquals(1600, loss, 1e-3);
        assertEquals(1, grad[0], 1e-6);
        assertEquals(-1, grad[1], 1e-6);
        float bce = new BinaryCrossentropy(true, 0).compute(null, 1, 2, z, 0, new float[] {0, 1}, 0, null, 0, false);
        assertEquals(800, bce, 1e-3); // (800 + 800) / 2 outputs
    }

    @Test
    void sparseLabelsOutOfRangeAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalCrossentropy(true)
                .compute(null, 2, 3, new float[6], 0, new float[] {1, 3}, 0, null, 0, false));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("[0, 3)"), e.getMessage());
    }
}
