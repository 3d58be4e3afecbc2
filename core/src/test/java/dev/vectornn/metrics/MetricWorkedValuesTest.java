package dev.vectornn.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each metric against a worked value: the standalone-usage example of the Keras 3 docs for that
 * metric ({@code m.update_state(y_true, y_pred[, sample_weight]); m.result()}), or scikit-learn
 * 1.2.1 ({@code sklearn.metrics}, Debian's python3-sklearn) on the data shown, where the two
 * compute the same thing.
 */
class MetricWorkedValuesTest {

    static double run(Metric m, int cols, float[] y, float[] t, float[] w) {
        m.reset();
        int rows = y.length / cols;
        m.update(rows, cols, y, 0, t, 0, t.length / rows, w, 0);
        return m.result();
    }

    static double run(Metric m, int cols, float[] y, float[] t) {
        return run(m, cols, y, t, null);
    }

    @Test
    void precisionAndRecall() {
        // Keras Precision / Recall docs: update_state([0, 1, 1, 1], [1, 0, 1, 1]) → 0.6667 both;
        // with sample_weight [0, 0, 1, 0] → 1.0 both.
        float[] t = {0, 1, 1, 1};
        float[] y = {1, 0, 1, 1};
        assertEquals(2.0 / 3, run(Metrics.get("precision"), 1, y, t), 1e-12);
        assertEquals(2.0 / 3, run(Metrics.get("recall"), 1, y, t), 1e-12);
        assertEquals(1.0, run(new Precision(), 1, y, t, new float[] {0, 0, 1, 0}), 1e-12);
        assertEquals(1.0, run(new Recall(), 1, y, t, new float[] {0, 0, 1, 0}), 1e-12);
    }

    static final float[] SCORE_T = {0, 0, 1, 1, 0, 1, 1, 0, 1, 0};
    static final float[] SCORE_Y = {0.125f, 0.475f, 0.355f, 0.815f, 0.665f, 0.905f, 0.285f, 0.055f, 0.735f, 0.515f};
    static final float[] SCORE_W = {1, 2, 1, 0.5f, 1, 1, 3, 1, 1, 2};

    @Test
    void weightedPrecisionAndRecallMatchScikitLearn() {
        // sklearn.metrics.precision_score / recall_score(y_true, y_score > 0.5, sample_weight=w):
        // unweighted 0.6 and 0.6; weighted 0.454545... (5/11) and 0.384615... (5/13).
        assertEquals(0.6, run(new Precision(), 1, SCORE_Y, SCORE_T), 1e-12);
        assertEquals(0.6, run(new Recall(), 1, SCORE_Y, SCORE_T), 1e-12);
        assertEquals(5.0 / 11, run(new Precision(), 1, SCORE_Y, SCORE_T, SCORE_W), 1e-12);
        assertEquals(5.0 / 13, run(new Recall(), 1, SCORE_Y, SCORE_T, SCORE_W), 1e-12);
        // class_id 1 of two outputs counts only the second column: [0.9 → 1, t 1], [0.2 → 0, t 1] → recall 0.5.
        assertEquals(0.5, run(new Recall(0.5, 1), 2, new float[] {0.1f, 0.9f, 0.8f, 0.2f}, new float[] {0, 1, 0, 1}), 1e-12);
    }

    @Test
    void aucRocAsInTheKerasDocs() {
        // Keras AUC docs: AUC(num_thresholds=3), update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9]) → 0.75;
        // with sample_weight [1, 0, 0, 1] → 1.0.
        float[] t = {0, 0, 1, 1};
        float[] y = {0, 0.5f, 0.3f, 0.9f};
        assertEquals(0.75, run(new Auc(3, Auc.Curve.ROC), 1, y, t), 1e-12);
        assertEquals(1.0, run(new Auc(3, Auc.Curve.ROC), 1, y, t, new float[] {1, 0, 0, 1}), 1e-12);
    }

    @Test
    void aucRocEqualsScikitLearnWhenEveryScoreHasItsOwnBucket() {
        // With 101 thresholds each score above sits alone in its bucket, so Keras' trapezoids are
        // exactly the ROC curve's: sklearn.metrics.roc_auc_score gives 0.76, and 0.56043956...
        // (51/91) with sample_weight w.
        assertEquals(0.76, run(new Auc(101, Auc.Curve.ROC), 1, SCORE_Y, SCORE_T), 1e-9);
        assertEquals(51.0 / 91, run(new Auc(101, Auc.Curve.ROC), 1, SCORE_Y, SCORE_T, SCORE_W), 1e-9);
        // Keras' default 200 thresholds: the same buckets apart, so the same value.
        assertEquals(0.76, run(Metrics.get("auc"), 1, SCORE_Y, SCORE_T), 1e-9);
    }

    @Test
    void aucPrByKerasInterpolation() {
        // Keras' confusion_metrics_test AUCTest data: y_pred [0, 0.5, 0.3, 0.9], y_true [0, 0, 1, 1],
        // num_thresholds 3, curve PR, interpolation. Worked as in that test's comments: thresholds
        // [−ε, 0.5, 1+ε] give tp [2, 1, 0], fp [2, 0, 0], fn [0, 1, 2], so P = tp + fp = [4, 1, 0],
        // dTP [1, 1], slope [1/3, 1], intercept [2/3, 0], P ratio [4, 1 (P = 0)]; the terms
        // slope·(dTP + intercept·ln ratio)/(tp + fn) are (1/3)(1 + (2/3) ln 4)/2 = 0.3207 and 1/2:
        // Σ = 0.8207.
        double expected = (1 + 2.0 / 3 * Math.log(4)) / 6 + 0.5;
        assertEquals(expected, run(new Auc(3, Auc.Curve.PR), 1, new float[] {0, 0.5f, 0.3f, 0.9f}, new float[] {0, 0, 1, 1}), 1e-12);
    }

    @Test
    void aucFromLogitsAppliesTheSigmoid() {
        // logit(p) for the docs' scores, with from_logits → the same 0.75.
        float[] z = new float[4];
        float[] p = {0.001f, 0.5f, 0.3f, 0.9f};
        for (int i = 0; i < 4; i++) {
            z[i] = (float) Math.log(p[i] / (1 - p[i]));
        }
        assertEquals(0.75, run(new Auc(3, Auc.Curve.ROC, "interpolation", true), 1, z, new float[] {0, 0, 1, 1}), 1e-12);
    }

    static final float[] F1_T = {1, 1, 1, 1, 0, 0, 1, 1, 0};
    static final float[] F1_Y = {0.2f, 0.6f, 0.7f, 0.2f, 0.6f, 0.6f, 0.6f, 0.8f, 0.0f};

    @Test
    void f1ScoreAveragesMatchKerasAndScikitLearn() {
        // Keras F1Score docs: threshold 0.5, the data above → per class [0.5, 0.8, 0.6666667]; their
        // mean, and sklearn.metrics.f1_score(average="macro") on the thresholded predictions: 0.655556.
        // sklearn average="micro" 0.666667, "weighted" 0.627778. Keras' ε 1e-7 moves them by < 1e-6.
        assertEquals(0.6555556, run(new F1Score("macro", 0.5), 3, F1_Y, F1_T), 1e-6);
        assertEquals(0.6666667, run(new F1Score("micro", 0.5), 3, F1_Y, F1_T), 1e-6);
        assertEquals(0.6277778, run(new F1Score("weighted", 0.5), 3, F1_Y, F1_T), 1e-6);
    }

    @Test
    void f1ScoreWithoutThresholdPredictsEachRowsLargestOutput() {
        // Keras' default threshold=None: the arg-max is the positive. sklearn.metrics.f1_score on the
        // one-hot arg-max of these rows: macro 0.488889, micro 0.6, weighted 0.586667.
        float[] t = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0};
        float[] y = {0.7f, 0.2f, 0.1f, 0.3f, 0.6f, 0.1f, 0.5f, 0.1f, 0.4f, 0.2f, 0.3f, 0.5f, 0.6f, 0.3f, 0.1f};
        assertEquals(0.4888889, run(Metrics.get("f1_score"), 3, y, t), 1e-6);
        assertEquals(0.6, run(new F1Score("micro", Double.NaN), 3, y, t), 1e-6);
        assertEquals(0.5866667, run(new F1Score("weighted", Double.NaN), 3, y, t), 1e-6);
    }

    @Test
    void topKCategoricalAccuracy() {
        // Keras TopKCategoricalAccuracy docs: k=1, update_state([[0, 0, 1], [0, 1, 0]],
        // [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]) → 0.5; with sample_weight [0.7, 0.3] → 0.3.
        float[] t = {0, 0, 1, 0, 1, 0};
        float[] y = {0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0};
        assertEquals(0.5, run(new TopKCategoricalAccuracy(1), 3, y, t), 1e-12);
        assertEquals(0.3, run(new TopKCategoricalAccuracy(1), 3, y, t, new float[] {0.7f, 0.3f}), 1e-7);
        // Keras' default k = 5 covers all three classes: 1.0.
        assertEquals(1.0, run(Metrics.get("top_k_categorical_accuracy"), 3, y, t), 0);
    }

    @Test
    void regressionMetrics() {
        // Keras MeanAbsoluteError / MeanSquaredError / RootMeanSquaredError docs: update_state(
        // [[0, 1], [0, 0]], [[1, 1], [0, 0]]) → 0.25, 0.25, 0.5; with sample_weight [1, 0] → 0.5,
        // 0.5, 0.70710677.
        float[] t = {0, 1, 0, 0};
        float[] y = {1, 1, 0, 0};
        float[] w = {1, 0};
        assertEquals(0.25, run(Metrics.get("mae"), 2, y, t), 1e-12);
        assertEquals(0.25, run(Metrics.get("mse"), 2, y, t), 1e-12);
        assertEquals(0.5, run(Metrics.get("rmse"), 2, y, t), 1e-12);
        assertEquals(0.5, run(new MeanAbsoluteError(), 2, y, t, w), 1e-12);
        assertEquals(0.5, run(new MeanSquaredError(), 2, y, t, w), 1e-12);
        assertEquals(Math.sqrt(0.5), run(new RootMeanSquaredError(), 2, y, t, w), 1e-12);
    }

    static final float[] R2_T = {1, 10, 4, 20, 3, 35, 7, 15};
    static final float[] R2_Y = {2, 12, 4, 18, 4, 30, 6, 16};

    @Test
    void r2Score() {
        // Keras R2Score docs: y_true [[1], [4], [3]], y_pred [[2], [4], [4]] → 0.57142854 (= 4/7).
        assertEquals(4.0 / 7, run(Metrics.get("r2_score"), 1, new float[] {2, 4, 4}, new float[] {1, 4, 3}), 1e-12);
        // sklearn.metrics.r2_score on the two-output data above: uniform 0.871429, variance-weighted
        // 0.899661, with sample_weight [1, 2, 0.5, 1] 0.875562.
        assertEquals(0.8714286, run(new R2Score(), 2, R2_Y, R2_T), 1e-6);
        assertEquals(0.8996610, run(new R2Score("variance_weighted_average", 0), 2, R2_Y, R2_T), 1e-6);
        assertEquals(0.8755622, run(new R2Score(), 2, R2_Y, R2_T, new float[] {1, 2, 0.5f, 1}), 1e-6);
        // Adjusted, p = 1, n = 3 (Keras' formula 1 − (1 − R²)(n − 1)/(n − p − 1)): 1 − (3/7)·2 = 1/7.
        assertEquals(1.0 / 7, run(new R2Score("uniform_average", 1), 1, new float[] {2, 4, 4}, new float[] {1, 4, 3}), 1e-12);
    }

    @Test
    void binaryAccuracyWithItsThreshold() {
        // Keras BinaryAccuracy docs: update_state([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]]) → 0.75;
        // with sample_weight [1, 0, 0, 1] → 0.5.
        float[] t = {1, 1, 0, 0};
        float[] y = {0.98f, 1, 0, 0.6f};
        assertEquals(0.75, run(Metrics.get("binary_accuracy"), 1, y, t), 1e-12);
        assertEquals(0.5, run(new BinaryAccuracy(), 1, y, t, new float[] {1, 0, 0, 1}), 1e-12);
        // threshold 0.7: 0.6 now counts as 0, so all four match.
        assertEquals(1.0, run(new BinaryAccuracy(0.7), 1, y, t), 0);
    }

    @Test
    void countsAccumulateOverBatchesAsOneEpoch() {
        // Two batches of the sklearn data give the value of the whole (0.76), not the mean of the two batches' AUCs.
        Metric auc = new Auc(101, Auc.Curve.ROC);
        auc.reset();
        auc.update(4, 1, SCORE_Y, 0, SCORE_T, 0, 1);
        auc.update(6, 1, SCORE_Y, 4, SCORE_T, 4, 1);
        assertEquals(0.76, auc.result(), 1e-9);
        Metric r2 = new R2Score();
        r2.reset();
        r2.update(2, 2, R2_Y, 0, R2_T, 0, 2);
        r2.update(2, 2, R2_Y, 4, R2_T, 4, 2);
        assertEquals(0.8714286, r2.result(), 1e-6);
        r2.reset();
        assertEquals(0.0, r2.result(), 0);
    }
}
