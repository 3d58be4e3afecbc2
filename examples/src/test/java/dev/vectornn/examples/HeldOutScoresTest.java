package dev.vectornn.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HeldOutScoresTest {

    /**
     * scikit-learn's documented example (mean_absolute_error, mean_squared_error and r2_score
     * docstrings): y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8] gives MAE 0.5, MSE 0.375
     * and R² 0.948...; scikit-learn 1.2.1 prints 0.9486081370449679.
     */
    @Test
    void regressionScoresMatchScikitLearnsDocumentedExample() {
        HeldOutScores.Regression r = HeldOutScores.regression(new float[] {2.5f, 0f, 2f, 8f}, new float[] {3f, -0.5f, 2f, 7f});
        assertEquals(0.5, r.mae(), 1e-12);
        assertEquals(Math.sqrt(0.375), r.rmse(), 1e-12);
        assertEquals(0.9486081370449679, r.r2(), 1e-12);
    }

    /**
     * y = [0, 0, 1, 1, 1, 0, 1, 0], scores [0.1, 0.6, 0.35, 0.8, 0.7, 0.2, 0.6, 0.4]; scikit-learn
     * 1.2.1: precision_score and recall_score of (score ≥ 0.5) both 0.75, roc_auc_score 0.84375
     * (13.5 of the 16 positive-negative pairs ordered right: the tie at 0.6 counts half).
     */
    @Test
    void binaryScoresMatchScikitLearn() {
        HeldOutScores.Binary b = HeldOutScores.binary(new float[] {0.1f, 0.6f, 0.35f, 0.8f, 0.7f, 0.2f, 0.6f, 0.4f},
                new int[] {0, 0, 1, 1, 1, 0, 1, 0}, 0.5);
        assertEquals(0.75, b.precision(), 1e-12);
        assertEquals(0.75, b.recall(), 1e-12);
        assertEquals(0.84375, b.auc(), 1e-12);
        assertEquals(3, b.truePositives());
        assertEquals(1, b.falsePositives());
        assertEquals(1, b.falseNegatives());
        assertEquals(3, b.trueNegatives());
    }

    @Test
    void mismatchedLengthsAreRefusedWithBothCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeldOutScores.regression(new float[3], new float[4]));
        assertEquals("3 predictions for 4 targets: need as many, and at least one", e.getMessage());
    }
}
