package dev.vectornn.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link Sequential#evaluate}: the mean loss over all samples, then each metric, in
 * the order Keras' {@code model.evaluate} returns them ({@code get(0)} is the loss, {@code get(1)}
 * the first metric).
 */
public final class Evaluation {

    private final Map<String, Double> values;

    Evaluation(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public double loss() {
        return values.get("loss");
    }

    /** A metric by name, e.g. {@code "accuracy"}. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No '" + name + "' in this evaluation; it has " + values.keySet());
        }
        return v;
    }

    /** By position, as Keras' list: 0 is the loss, 1 the first metric ... */
    public double get(int index) {
        List<Double> list = new ArrayList<>(values.values());
        if (index < 0 || index >= list.size()) {
            throw new IndexOutOfBoundsException("Evaluation has " + list.size() + " values " + values.keySet()
                    + "; index " + index + " is out of range");
        }
        return list.get(index);
    }

    /** The accuracy metric, the common case. */
    public double accuracy() {
        return get("accuracy");
    }

    public Map<String, Double> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
