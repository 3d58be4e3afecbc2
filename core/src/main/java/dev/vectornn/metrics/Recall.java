package dev.vectornn.metrics;

import java.util.Map;

/**
 * Keras' {@code recall}: {@code TP / (TP + FN)} over every batch since the reset, each output
 * positive above {@code thresholds} (default 0.5), or only output {@code class_id}; 0 while
 * no target was positive. See {@link ConfusionCounts}.
 */
public final class Recall extends ConfusionCounts {
    public Recall() {
        this(0.5, -1);
    }

    /**
     * @param classId the only output counted, or −1 for all
     * @throws IllegalArgumentException if {@code threshold} is not in {@code [0, 1]}
     */
    public Recall(double threshold, int classId) {
        super(threshold, classId);
    }

    @Override
    public String name() {
        return "recall";
    }

    @Override
    public String description() {
        return "recall: TP / (TP + FN) over the epoch, " + settings();
    }

    @Override
    public Metric withConfig(Map<String, Object> config) {
        var c = read(name(), config);
        return new Recall(threshold(c), classId(c));
    }

    @Override
    public double result() {
        return divideNoNan(truePositives, truePositives + falseNegatives);
    }

    @Override
    public Metric copy() {
        return new Recall(threshold, classId);
    }
}
