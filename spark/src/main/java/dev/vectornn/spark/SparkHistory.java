package dev.vectornn.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link SparkTrainer#fit} returns: per epoch, the training loss and metrics and, with
 * validation data, their {@code val_} twins, shaped like {@link dev.vectornn.models.History}
 * (whose constructor is not public, so this module keeps its own).
 *
 * <p>The training {@code loss} and metrics of an epoch are means over its samples, each batch
 * measured with the weights before that batch's update, as {@code fit} reports them; {@code val_}
 * values use the epoch's final weights.
 */
public final class SparkHistory {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Double> epochSeconds = new ArrayList<>();

    SparkHistory() {
    }

    void record(Map<String, Double> logs, double seconds) {
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        epochSeconds.add(seconds);
    }

    /** Every series by name, e.g. {@code loss}, {@code accuracy}, {@code val_loss}. */
    public Map<String, List<Double>> asMap() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * One series, e.g. {@code get("loss")}.
     *
     * @throws IllegalArgumentException naming the series there are if there is none called {@code name}
     */
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

    /** Equal when every series is equal (epoch times are not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SparkHistory h && h.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "SparkHistory" + values;
    }
}
