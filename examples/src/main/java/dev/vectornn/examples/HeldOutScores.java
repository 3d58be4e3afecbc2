package dev.vectornn.examples;

/**
 * Scores of predictions on held-out rows, computed directly from their definitions in double
 * precision (the formulas of scikit-learn's {@code mean_absolute_error}, {@code mean_squared_error},
 * {@code r2_score}, {@code precision_score}, {@code recall_score} and {@code roc_auc_score}).
 */
final class HeldOutScores {

    private HeldOutScores() {
    }

    /**
     * What a regression got right.
     *
     * @param mae  mean of |prediction − target|
     * @param rmse square root of the mean of (prediction − target)²
     * @param r2   1 − (sum of squared errors) / (sum of squared deviations of the targets from their mean)
     */
    record Regression(double mae, double rmse, double r2) {
    }

    /**
     * What a binary classifier got right at a threshold, with the area under its ROC curve.
     *
     * @param precision true positives / predicted positives (0 when nothing is predicted positive, as scikit-learn's zero_division=0)
     * @param recall    true positives / actual positives
     * @param auc       the probability that a random positive scores above a random negative (ties count half)
     */
    record Binary(double precision, double recall, double auc, int truePositives, int falsePositives,
                  int falseNegatives, int trueNegatives) {
    }

    static Regression regression(float[] predicted, float[] target) {
        sameLength(predicted.length, target.length);
        double absolute = 0;
        double squared = 0;
        double mean = 0;
        for (float t : target) {
            mean += t;
        }
        mean /= target.length;
        double spread = 0;
        for (int i = 0; i < target.length; i++) {
            double e = (double) predicted[i] - target[i];
            absolute += Math.abs(e);
            squared += e * e;
            spread += (target[i] - mean) * (target[i] - mean);
        }
        return new Regression(absolute / target.length, Math.sqrt(squared / target.length), 1 - squared / spread);
    }

    /**
     * {@code score[i]} is the predicted probability that row i is positive ({@code label[i] == 1});
     * a row counts as predicted positive when its score is strictly above {@code threshold}, as in
     * Keras' {@code Precision} and {@code Recall}.
     */
    static Binary binary(float[] score, int[] label, double threshold) {
        sameLength(score.length, label.length);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < label.length; i++) {
            boolean predicted = score[i] > threshold;
            if (label[i] == 1) {
                if (predicted) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        return new Binary(precision, recall, rocAuc(score, label), tp, fp, fn, tn);
    }

    /** The Mann-Whitney form of the ROC AUC: over every (positive, negative) pair, 1 if the positive scores higher, ½ for a tie. */
    private static double rocAuc(float[] score, int[] label) {
        long pairs = 0;
        double wins = 0;
        for (int p = 0; p < label.length; p++) {
            if (label[p] != 1) {
                continue;
            }
            for (int n = 0; n < label.length; n++) {
                if (label[n] == 1) {
                    continue;
                }
                pairs++;
                wins += score[p] > score[n] ? 1 : score[p] == score[n] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }

    private static void sameLength(int predictions, int targets) {
        if (predictions != targets || targets == 0) {
            throw new IllegalArgumentException(predictions + " predictions for " + targets + " targets: need as many, and at least one");
        }
    }
}
