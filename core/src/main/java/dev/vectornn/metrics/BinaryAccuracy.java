package dev.vectornn.metrics;

import dev.vectornn.spi.ConfigMap;

import java.util.Map;

/**
 * Keras' {@code binary_accuracy} with its {@code threshold} (default 0.5): an output above the
 * threshold counts as 1 and is compared with its target (read as 1 above 0.5); a sample scores the
 * fraction of its outputs that match. For a model whose last layer gives logits, a threshold of 0
 * is the one that matches a probability of 0.5.
 */
public final class BinaryAccuracy extends Accuracy {
    public BinaryAccuracy() {
        this(0.5);
    }

    /** @throws IllegalArgumentException if {@code threshold} is not finite */
    public BinaryAccuracy(double threshold) {
        super(Kind.BINARY, "binary_accuracy", threshold);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("threshold", threshold());
    }

    @Override
    public Metric withConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("binary_accuracy config", config).checkKeys("threshold");
        return new BinaryAccuracy(c.getDouble("threshold", 0.5, -Double.MAX_VALUE, Double.MAX_VALUE));
    }

    @Override
    public Metric copy() {
        return new BinaryAccuracy(threshold());
    }
}
