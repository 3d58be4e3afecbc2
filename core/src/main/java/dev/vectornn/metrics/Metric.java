package dev.vectornn.metrics;

import dev.vectornn.spi.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * A metric, found by name with {@link java.util.ServiceLoader} (see {@link Metrics}): the fifth
 * SPI, next to backends, activations, layer types, losses and optimizers.
 *
 * <p>Metrics are stateful, as in Keras: {@link #reset()}, then {@link #update} once per batch,
 * which accumulates counts or sums, then {@link #result()} over everything since the reset. A fit
 * resets its metrics at the start of each epoch, so the value logged for an epoch covers all its
 * batches (precision, recall and AUC are computed from the epoch's summed confusion counts, not
 * averaged over batches). A model keeps its own instances ({@link #copy()}); an instance is not
 * thread-safe. {@code update} must not allocate once the metric has seen its first batch, so that
 * a training step stays allocation-free.
 *
 * <p>To add a metric, implement this interface with a public no-argument constructor (Keras'
 * defaults) and list it in {@code META-INF/services/dev.vectornn.metrics.Metric}. A metric with
 * settings ({@code auc}'s {@code curve} ...) returns them from {@link #config()} and rebuilds
 * itself in {@link #withConfig}, so that a saved model loads with the same metrics.
 */
public interface Metric {

    /** The Keras name shown in logs and the history, e.g. {@code "precision"}. Also the registered name. */
    String name();

    /** Other names it is found by, e.g. {@code "mae"}. Case and underscores never matter when looking up. */
    default List<String> aliases() {
        return List.of();
    }

    /** A one-line explanation of what is computed, e.g. which accuracy "accuracy" resolved to. */
    String description();

    /**
     * The settings as JSON-like values ({@code {"curve": "PR", "num_thresholds": 200}}), stored in a
     * saved model; empty (the default) for a metric without settings.
     */
    default Map<String, Object> config() {
        return Map.of();
    }

    /**
     * A fresh, reset metric of this kind with the settings in {@code config}, as {@link #config()}
     * wrote them (whole numbers may arrive as {@code Long} or {@code Integer}, see {@link ConfigMap}).
     * The default accepts only an empty map.
     *
     * @throws IllegalArgumentException for an unknown key or a value out of range, naming it
     */
    default Metric withConfig(Map<String, Object> config) {
        ConfigMap.of(name() + " config", config).checkKeys();
        Metric m = copy();
        m.reset();
        return m;
    }

    /**
     * Width of the target row this metric reads for a model output of {@code outputWidth}: the
     * output width (the default), or 1 for a metric that reads one class label per row. A model
     * refuses at compile time a metric whose targets differ from its loss's.
     */
    default int targetWidth(int outputWidth) {
        return outputWidth;
    }

    /** Forgets every batch seen. */
    void reset();

    /**
     * Adds {@code rows} samples, each of weight 1: outputs {@code y} ({@code rows × cols}), targets
     * {@code t} ({@code rows × targetCols}). Same as {@code update(..., null, 0)}.
     */
    default void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols) {
        update(rows, cols, y, yOff, t, tOff, targetCols, null, 0);
    }

    /**
     * Adds {@code rows} samples with per-row weights, as Keras' {@code sample_weight}: row
     * {@code r} counts {@code weights[wOff + r]} times (0 masks it out). {@code weights == null}
     * means every row weighs 1. Mean-like metrics give the weighted mean of the per-sample values;
     * confusion-count metrics (precision, recall, AUC, F1) add each row's weight to its counts.
     *
     * @param y       outputs, {@code rows × cols} from {@code yOff}
     * @param t       targets, {@code rows × targetCols} from {@code tOff}
     * @param weights per-row weights from {@code wOff}, or null for all 1
     */
    void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols, float[] weights, int wOff);

    /** The metric over everything since the last reset (0 when nothing, or no weight, was seen). */
    double result();

    /** A fresh instance with the same settings. */
    Metric copy();

    /** The weight of row {@code r}: 1 without weights. */
    static double weight(float[] weights, int wOff, int r) {
        return weights == null ? 1.0 : weights[wOff + r];
    }
}
