package dev.vectornn.metrics;

import dev.vectornn.spi.ConfigMap;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' {@code r2_score}, the coefficient of determination, per output
 * {@code 1 − Σ w (t − y)² / Σ w (t − t̄)²} over every batch since the reset (the weighted sums
 * add up, so the epoch's value is that of all its samples), 0 where the targets do not vary. The
 * outputs' scores are combined by {@code class_aggregation}: {@code "uniform_average"} (default)
 * or {@code "variance_weighted_average"} (weighted by each output's target variance). With
 * {@code num_regressors = p > 0} the adjusted score {@code 1 − (1 − R²)(n − 1)/(n − p − 1)} is
 * returned, where {@code n} counts the samples; as in Keras, the plain score is returned when
 * {@code n − p − 1 ≤ 0}. Scikit-learn's {@code r2_score} gives the same value.
 */
public final class R2Score implements Metric {
    private final boolean varianceWeighted;
    private final int numRegressors;
    private double[] sum = new double[0];
    private double[] squaredSum = new double[0];
    private double[] residual = new double[0];
    private double[] count = new double[0];
    private long samples;

    public R2Score() {
        this("uniform_average", 0);
    }

    /**
     * @throws IllegalArgumentException for another aggregation or a negative {@code numRegressors}
     */
    public R2Score(String classAggregation, int numRegressors) {
        if (!classAggregation.equals("uniform_average") && !classAggregation.equals("variance_weighted_average")) {
            throw new IllegalArgumentException("r2_score class_aggregation must be uniform_average or "
                    + "variance_weighted_average, got '" + classAggregation + "'");
        }
        if (numRegressors < 0) {
            throw new IllegalArgumentException("r2_score num_regressors must be at least 0, got " + numRegressors);
        }
        this.varianceWeighted = classAggregation.equals("variance_weighted_average");
        this.numRegressors = numRegressors;
    }

    private String aggregation() {
        return varianceWeighted ? "variance_weighted_average" : "uniform_average";
    }

    @Override
    public String name() {
        return "r2_score";
    }

    @Override
    public String description() {
        return "r2_score: 1 − residual / total sum of squares, " + aggregation()
                + (numRegressors > 0 ? ", adjusted for " + numRegressors + " regressors" : "");
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("class_aggregation", aggregation());
        c.put("num_regressors", numRegressors);
        return c;
    }

    @Override
    public Metric withConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("r2_score config", config).checkKeys("class_aggregation", "num_regressors");
        return new R2Score(c.getString("class_aggregation", "uniform_average"),
                c.getInt("num_regressors", 0, 0, Integer.MAX_VALUE));
    }

    @Override
    public void reset() {
        Arrays.fill(sum, 0);
        Arrays.fill(squaredSum, 0);
        Arrays.fill(residual, 0);
        Arrays.fill(count, 0);
        samples = 0;
    }

    @Override
    public void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols,
                       float[] weights, int wOff) {
        if (sum.length != cols) {
            // Once per metric instance: the output count is known only from the first batch.
            sum = new double[cols];
            squaredSum = new double[cols];
            residual = new double[cols];
            count = new double[cols];
        }
        for (int r = 0; r < rows; r++) {
            double w = Metric.weight(weights, wOff, r);
            for (int j = 0; j < cols; j++) {
                double tj = t[tOff + r * targetCols + j];
                double d = tj - y[yOff + r * cols + j];
                sum[j] += w * tj;
                squaredSum[j] += w * tj * tj;
                residual[j] += w * d * d;
                count[j] += w;
            }
        }
        samples += rows;
    }

    @Override
    public double result() {
        int n = sum.length;
        if (n == 0) {
            return 0;
        }
        double scores = 0;
        double totals = 0;
        for (int j = 0; j < n; j++) {
            double mean = ConfusionCounts.divideNoNan(sum[j], count[j]);
            double total = squaredSum[j] - sum[j] * mean;
            double raw = 1 - residual[j] / total;
            if (Double.isInfinite(raw) || Double.isNaN(raw)) {
                raw = 0;
            }
            scores += varianceWeighted ? total * raw : raw;
            totals += total;
        }
        double r2 = varianceWeighted ? ConfusionCounts.divideNoNan(scores, totals) : scores / n;
        long dof = samples - numRegressors - 1;
        if (numRegressors > 0 && dof > 0) {
            r2 = 1 - (1 - r2) * (samples - 1) / dof;
        }
        return r2;
    }

    @Override
    public Metric copy() {
        return new R2Score(aggregation(), numRegressors);
    }
}
