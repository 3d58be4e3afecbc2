package dev.vectornn.metrics;

import dev.vectornn.spi.ConfigMap;

import java.util.Map;

/**
 * Keras' {@code top_k_categorical_accuracy} with its {@code k} (default 5): a sample scores 1 when
 * the arg-max of its one-hot target is among the {@code k} largest outputs. As Keras'
 * {@code in_top_k}, outputs tied with the k-th largest count as inside, so a sample scores 1 when
 * fewer than {@code k} outputs are strictly larger than the target's.
 */
public final class TopKCategoricalAccuracy extends MeanMetric {
    private final int k;

    public TopKCategoricalAccuracy() {
        this(5);
    }

    /** @throws IllegalArgumentException if {@code k < 1} */
    public TopKCategoricalAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top_k_categorical_accuracy k must be at least 1, got " + k);
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "top_k_categorical_accuracy";
    }

    @Override
    public String description() {
        return "top_k_categorical_accuracy: the one-hot target's class is among the " + k + " largest outputs";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("k", k);
    }

    @Override
    public Metric withConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("top_k_categorical_accuracy config", config).checkKeys("k");
        return new TopKCategoricalAccuracy(c.getInt("k", 5, 1, Integer.MAX_VALUE));
    }

    @Override
    double sampleValue(int cols, float[] y, int yr, float[] t, int tr, int targetCols) {
        float target = y[yr + Accuracy.argMax(t, tr, targetCols)];
        int larger = 0;
        for (int j = 0; j < cols; j++) {
            larger += y[yr + j] > target ? 1 : 0;
        }
        return larger < k ? 1.0 : 0.0;
    }

    @Override
    public Metric copy() {
        return new TopKCategoricalAccuracy(k);
    }
}
