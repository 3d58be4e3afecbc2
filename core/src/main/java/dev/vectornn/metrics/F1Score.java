package dev.vectornn.metrics;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' {@code f1_score}: per class (output) {@code 2 · P · R / (P + R)} with
 * {@code P = TP / (TP + FP + ε)}, {@code R = TP / (TP + FN + ε)}, {@code ε = 1e-7}, from counts
 * summed over every batch since the reset, then averaged over the classes.
 *
 * <p>Settings, as Keras': {@code threshold} — an output above it is predicted positive; when
 * absent (Keras' default) each row's largest output (and any tied with it) is the one predicted
 * positive, which suits softmax outputs; for a single sigmoid output set it (say 0.5), since with
 * one output the largest is always that one. {@code average}: {@code "macro"} (unweighted mean over
 * classes), {@code "micro"} (counts summed over classes first) or {@code "weighted"} (mean weighted
 * by each class's number of positive targets). Keras' default {@code average=None} returns one
 * score per class; vectornn's metrics are single numbers, so the default here is {@code "macro"}.
 */
public final class F1Score implements Metric {
    static final double EPSILON = 1e-7;
    private static final String[] AVERAGES = {"macro", "micro", "weighted"};

    private final String average;
    /** NaN when absent: the arg-max decides. */
    private final double threshold;
    private final float floatThreshold;
    private double[] truePositives = new double[0];
    private double[] falsePositives = new double[0];
    private double[] falseNegatives = new double[0];
    private double[] support = new double[0];

    /** Keras' settings but {@code average="macro"}: no threshold (arg-max). */
    public F1Score() {
        this("macro", Double.NaN);
    }

    /**
     * @param average   {@code "macro"}, {@code "micro"} or {@code "weighted"}
     * @param threshold in {@code (0, 1]}, or NaN for the arg-max
     * @throws IllegalArgumentException for another average or a threshold out of range
     */
    public F1Score(String average, double threshold) {
        if (!java.util.Arrays.asList(AVERAGES).contains(average)) {
            throw new IllegalArgumentException("f1_score average must be one of macro, micro, weighted, got '" + average + "'");
        }
        if (!Double.isNaN(threshold) && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("f1_score threshold must be in (0, 1] (or absent), got " + threshold);
        }
        this.average = average;
        this.threshold = threshold;
        this.floatThreshold = (float) threshold;
    }

    @Override
    public String name() {
        return "f1_score";
    }

    @Override
    public String description() {
        return "f1_score: " + average + " average over outputs of 2PR/(P+R), predicted positive "
                + (Double.isNaN(threshold) ? "= the row's largest output" : "= output > " + threshold);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("average", average);
        if (!Double.isNaN(threshold)) {
            c.put("threshold", threshold);
        }
        return c;
    }

    @Override
    public Metric withConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("f1_score config", config).checkKeys("average", "threshold");
        return new F1Score(c.getString("average", "macro"),
                c.has("threshold") ? c.getDouble("threshold", 0.0, 1.0) : Double.NaN);
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(truePositives, 0);
        java.util.Arrays.fill(falsePositives, 0);
        java.util.Arrays.fill(falseNegatives, 0);
        java.util.Arrays.fill(support, 0);
    }

    @Override
    public void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols,
                       float[] weights, int wOff) {
        if (truePositives.length != cols) {
            // Once per metric instance: the class count is known only from the first batch.
            truePositives = new double[cols];
            falsePositives = new double[cols];
            falseNegatives = new double[cols];
            support = new double[cols];
        }
        for (int r = 0; r < rows; r++) {
            double w = Metric.weight(weights, wOff, r);
            int yr = yOff + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, y[yr + j]);
            }
            for (int j = 0; j < cols; j++) {
                double p = (Double.isNaN(threshold) ? y[yr + j] >= max : y[yr + j] > floatThreshold) ? 1 : 0;
                double a = t[tOff + r * targetCols + j];
                truePositives[j] += w * p * a;
                falsePositives[j] += w * p * (1 - a);
                falseNegatives[j] += w * (1 - p) * a;
                support[j] += w * a;
            }
        }
    }

    @Override
    public double result() {
        int n = truePositives.length;
        if (n == 0) {
            return 0;
        }
        if (average.equals("micro")) {
            double tp = 0;
            double fp = 0;
            double fn = 0;
            for (int j = 0; j < n; j++) {
                tp += truePositives[j];
                fp += falsePositives[j];
                fn += falseNegatives[j];
            }
            return f1(tp, fp, fn);
        }
        double sum = 0;
        double supportSum = 0;
        for (int j = 0; j < n; j++) {
            supportSum += support[j];
        }
        for (int j = 0; j < n; j++) {
            double f = f1(truePositives[j], falsePositives[j], falseNegatives[j]);
            sum += average.equals("weighted") ? (supportSum == 0 ? 0 : f * support[j] / supportSum) : f;
        }
        return average.equals("weighted") ? sum : sum / n;
    }

    /** Keras' formula with its ε, so that a class never predicted nor present scores 0. */
    private static double f1(double tp, double fp, double fn) {
        double precision = tp / (tp + fp + EPSILON);
        double recall = tp / (tp + fn + EPSILON);
        double add = precision + recall;
        return add == 0 ? 0 : 2 * precision * recall / add;
    }

    @Override
    public Metric copy() {
        return new F1Score(average, threshold);
    }
}
