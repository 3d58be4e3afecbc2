package dev.vectornn.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Sequential#fit} returns: per epoch, the training loss and metrics and, with
 * validation data, their {@code val_} twins, as Keras' {@code History.history}.
 *
 * <p>The training {@code loss} of an epoch is the mean of its batch losses, each measured before
 * that batch's update, exactly as Keras reports it. Weights change within the epoch, so it is not
 * the loss of the final weights: {@link Sequential#evaluate} gives that, and {@code val_loss} is
 * measured with the epoch's final weights.
 */
public final class History {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Double> epochSeconds = new ArrayList<>();
    private String stoppedBecause = "";

    /** An empty history; {@code fit} makes its own, custom training loops (e.g. distributed ones) make theirs. */
    public History() {
    }

    /**
     * Appends one epoch: a value for each series in {@code logs} ({@code "loss"}, {@code "accuracy"},
     * {@code "val_loss"} ...) and the epoch's wall-clock seconds. For training loops other than
     * {@link Sequential#fit}, such as one built on {@link Sequential#trainOnBatch} or a distributed trainer.
     */
    public void record(Map<String, Double> logs, double seconds) {
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        epochSeconds.add(seconds);
    }

    void stoppedBecause(String reason) {
        this.stoppedBecause = reason;
    }

    /** Every series by name, e.g. {@code loss}, {@code accuracy}, {@code val_loss}. */
    public Map<String, List<Double>> asMap() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        return Collections.unmodifiableMap(copy);
    }

    /** One series, e.g. {@code get("loss")}. */
    public List<Double> get(String name) {
        List<Double> v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("History has no '" + name + "'. It has: " + values.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** The last value of a series. */
    public double last(String name) {
        List<Double> v = get(name);
        return v.get(v.size() - 1);
    }

    /** Number of epochs run. */
    public int epochs() {
        return epochSeconds.size();
    }

    /** Wall-clock seconds of each epoch. */
    public List<Double> epochSeconds() {
        return Collections.unmodifiableList(epochSeconds);
    }

    /** Why training ended early (e.g. by early stopping), or empty if it ran every epoch. */
    public String stoppedBecause() {
        return stoppedBecause;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History h && h.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
