package dev.vectornn.metrics;

import java.util.Map;

/**
 * Keras' {@code precision}: {@code TP / (TP + FP)} over every batch since the reset, each output
 * positive above {@code thresholds} (default 0.5), or only output {@code class_id}; 0 while
 * nothing was predicted positive. See {@link ConfusionCounts}.
 */
public final class Precision extends ConfusionCounts {
    public Precision() {
        this(0.5, -1);
    }

    /**
     * @param classId the only output counted, or −1 for all
     * @throws IllegalArgumentException if {@code threshold} is not in {@code [0, 1]}
     */
    public Precision(double threshold, int classId) {
        super(threshold, classId);
    }

    @Override
    public String name() {
        return "precision";
    }

    @Override
    public String description() {
        return "precision: TP / (TP + FP) over the epoch, " + settings();
    }

    @Override
    public Metric withConfig(Map<String, Object> config) {
        var c = read(name(), config);
        return new Precision(threshold(c), classId(c));
    }

    @Override
    public double result() {
        return divideNoNan(truePositives, truePositives + falsePositives);
    }

    @Override
    public Metric copy() {
        return new Precision(threshold, classId);
    }
}
