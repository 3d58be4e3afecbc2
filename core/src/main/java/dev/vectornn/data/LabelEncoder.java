package dev.vectornn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps string labels to the integers {@code 0 .. k−1} in sorted order, as scikit-learn's
 * {@code LabelEncoder} ({@code Iris-setosa → 0}, {@code Iris-versicolor → 1}, {@code Iris-virginica → 2}).
 */
public final class LabelEncoder {

    private final List<String> classes;
    private final Map<String, Integer> index = new TreeMap<>();

    private LabelEncoder(List<String> classes) {
        this.classes = List.copyOf(classes);
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
    }

    /** Learns the classes: the distinct labels, sorted. */
    public static LabelEncoder fit(List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("LabelEncoder.fit needs at least one label");
        }
        TreeMap<String, Boolean> distinct = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String l = labels.get(i);
            if (l == null) {
                throw new IllegalArgumentException("label " + i + " is null");
            }
            distinct.put(l, true);
        }
        return new LabelEncoder(new ArrayList<>(distinct.keySet()));
    }

    /**
     * A fitted encoder for these classes, in this order.
     *
     * @throws IllegalArgumentException if {@code classes} is empty or has a null or repeated class
     */
    public static LabelEncoder of(List<String> classes) {
        if (classes == null || classes.isEmpty()) {
            throw new IllegalArgumentException("LabelEncoder.of needs at least one class, got " + classes);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            String c = classes.get(i);
            if (c == null || !seen.add(c)) {
                throw new IllegalArgumentException("class " + i + " is " + (c == null ? "null" : "'" + c + "' again")
                        + "; classes must be distinct and non-null");
            }
        }
        return new LabelEncoder(classes);
    }

    /** The classes, index {@code i} being the label encoded as {@code i}. */
    public List<String> classes() {
        return classes;
    }

    /**
     * Encodes labels.
     *
     * @throws IllegalArgumentException naming the label and its position if it was not seen by {@code fit}
     */
    public int[] transform(List<String> labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels is null");
        }
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            if (labels.get(i) == null) {
                throw new IllegalArgumentException("label " + i + " is null; known classes are " + classes);
            }
            Integer v = index.get(labels.get(i));
            if (v == null) {
                throw new IllegalArgumentException("label " + i + " '" + labels.get(i) + "' is not one of the known classes "
                        + classes);
            }
            out[i] = v;
        }
        return out;
    }

    /** {@code fit(labels).transform(labels)}. */
    public static int[] fitTransform(List<String> labels) {
        return fit(labels).transform(labels);
    }

    /** Decodes integers back to labels. */
    public List<String> inverseTransform(int[] encoded) {
        if (encoded == null) {
            throw new IllegalArgumentException("encoded is null");
        }
        List<String> out = new ArrayList<>(encoded.length);
        for (int i = 0; i < encoded.length; i++) {
            int e = encoded[i];
            if (e < 0 || e >= classes.size()) {
                throw new IllegalArgumentException("value " + i + " is " + e + ", not in [0, " + classes.size() + ")");
            }
            out.add(classes.get(e));
        }
        return out;
    }

    @Override
    public String toString() {
        return "LabelEncoder" + Arrays.toString(classes.toArray());
    }
}
