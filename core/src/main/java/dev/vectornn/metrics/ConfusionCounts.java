package dev.vectornn.metrics;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The (weighted) true-positive, false-positive and false-negative counts that Keras'
 * {@code precision} and {@code recall} keep: every output (or only column {@code class_id}) is a
 * binary prediction, positive when above {@code thresholds} (default 0.5), against its target,
 * positive when non-zero. Counts add up over the batches of an epoch.
 */
abstract class ConfusionCounts implements Metric {
    final double threshold;
    final int classId;
    private final float floatThreshold;
    double truePositives;
    double falsePositives;
    double falseNegatives;

    /**
     * @param classId the only output counted, or −1 for all
     * @throws IllegalArgumentException if {@code threshold} is not in {@code [0, 1]} or
     *                                  {@code classId < −1}
     */
    ConfusionCounts(double threshold, int classId) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException(name() + " thresholds must be in [0, 1], got " + threshold);
        }
        if (classId < -1) {
            throw new IllegalArgumentException(name() + " class_id must be a class index (or absent), got " + classId);
        }
        this.threshold = threshold;
        this.floatThreshold = (float) threshold;
        this.classId = classId;
    }

    /** Reads {@code thresholds} and {@code class_id} for {@link #withConfig}. */
    static ConfigMap read(String name, Map<String, Object> config) {
        return ConfigMap.of(name + " config", config).checkKeys("thresholds", "class_id");
    }

    static double threshold(ConfigMap c) {
        return c.getDouble("thresholds", 0.5, 0.0, 1.0);
    }

    static int classId(ConfigMap c) {
        return c.getInt("class_id", -1, -1, Integer.MAX_VALUE);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("thresholds", threshold);
        if (classId >= 0) {
            c.put("class_id", classId);
        }
        return c;
    }

    @Override
    public void reset() {
        truePositives = 0;
        falsePositives = 0;
        falseNegatives = 0;
    }

    @Override
    public void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols,
                       float[] weights, int wOff) {
        if (classId >= cols) {
            throw new IllegalArgumentException(name() + " class_id " + classId + " is not an output of this model's "
                    + cols);
        }
        int from = classId < 0 ? 0 : classId;
        int to = classId < 0 ? cols : classId + 1;
        for (int r = 0; r < rows; r++) {
            double w = Metric.weight(weights, wOff, r);
            for (int j = from; j < to; j++) {
                boolean predicted = y[yOff + r * cols + j] > floatThreshold;
                boolean actual = t[tOff + r * targetCols + j] != 0f;
                if (predicted && actual) {
                    truePositives += w;
                } else if (predicted) {
                    falsePositives += w;
                } else if (actual) {
                    falseNegatives += w;
                }
            }
        }
    }

    /** {@code a / b}, or 0 when {@code b} is 0 (Keras' {@code divide_no_nan}). */
    static double divideNoNan(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    String settings() {
        return "output > " + threshold + (classId >= 0 ? ", class " + classId + " only" : "");
    }
}
