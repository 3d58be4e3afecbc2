package dev.vectornn.metrics;

/**
 * A running metric over batches: {@link #reset()}, then {@link #update} once per batch, then
 * {@link #result()}. Not thread-safe; a model keeps its own instances.
 */
public interface Metric {

    /** The name shown in logs and the history, e.g. {@code "accuracy"}. */
    String name();

    /** A one-line explanation of what is computed, e.g. which accuracy "accuracy" resolved to. */
    String description();

    void reset();

    /**
     * Adds {@code rows} samples: outputs {@code y} ({@code rows × cols}), targets {@code t}
     * ({@code rows × targetCols}).
     */
    void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols);

    /** The metric over everything since the last reset. */
    double result();

    /** A fresh instance with the same settings. */
    Metric copy();
}
