package dev.vectornn.models;

import dev.vectornn.metrics.Accuracy;

import java.util.Map;

/**
 * Per-sample weights checked at the API's edge, and Keras' translation of class weights into
 * them ({@code class_weight_to_sample_weights} in {@code keras/src/trainers/data_adapters}): a
 * row's class is the arg-max of a one-hot (or multi-column) target and the rounded value of a
 * one-column target (a sparse label or a binary 0/1), and a class the map leaves out weighs 1.
 */
final class SampleWeights {
    private SampleWeights() {
    }

    /**
     * A copy of {@code weights}, checked: one per sample, each finite and ≥ 0.
     *
     * @param name named in messages, e.g. {@code "sampleWeight"}
     * @throws IllegalArgumentException naming the length or the first bad index
     */
    static float[] checked(float[] weights, int rows, String name, String samplesName) {
        check(weights, rows, name, samplesName);
        return weights.clone();
    }

    /** Checks {@code weights} as {@link #checked} does, without copying them. */
    static void check(float[] weights, int rows, String name, String samplesName) {
        if (weights.length != rows) {
            throw new IllegalArgumentException(name + " has " + weights.length + " values but " + samplesName + " has " + rows
                    + " samples: give one weight per sample");
        }
        for (int i = 0; i < rows; i++) {
            float w = weights[i];
            if (!(w >= 0) || Float.isInfinite(w)) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + w + ": sample weights must be finite and ≥ 0");
            }
        }
    }

    /**
     * Checks {@code classWeight} against the model's classes: every key a class the targets can
     * name, every weight finite and ≥ 0.
     *
     * @return the number of classes
     * @throws IllegalArgumentException naming the bad class or weight
     */
    static int checkClassWeight(CompiledModel c, Map<Integer, ? extends Number> classWeight) {
        int classes = classes(c);
        for (Map.Entry<Integer, ? extends Number> e : classWeight.entrySet()) {
            Integer k = e.getKey();
            if (k == null || k < 0 || k >= classes) {
                throw new IllegalArgumentException("classWeight has a weight for class " + k + ", but this model's targets have "
                        + classes + " classes (0 to " + (classes - 1) + ")");
            }
            Number v = e.getValue();
            double w = v == null ? Double.NaN : v.doubleValue();
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("classWeight of class " + k + " is " + v + ": class weights must be finite and ≥ 0");
            }
        }
        return classes;
    }

    /** The weight of each of the {@code rows} target rows in {@code fy}. */
    static float[] fromClassWeight(CompiledModel c, Map<Integer, ? extends Number> classWeight, float[] fy, int rows) {
        checkClassWeight(c, classWeight);
        int tw = c.targetWidth;
        float[] weights = new float[rows];
        for (int r = 0; r < rows; r++) {
            int cls = tw == 1 ? (int) Math.rint(fy[r]) : Accuracy.argMax(fy, r * tw, tw);
            Number w = classWeight.get(cls);
            weights[r] = w == null ? 1f : w.floatValue();
        }
        return weights;
    }

    /**
     * The classes the targets can name: a column per class for one-hot targets; for one-column
     * targets, the outputs of a sparse loss, or 2 (0 and 1) for binary targets.
     */
    static int classes(CompiledModel c) {
        int tw = c.targetWidth;
        if (tw > 1) {
            return tw;
        }
        int outputs = c.network.outputWidth();
        return c.loss.targetWidth(2) == 1 && outputs > 1 ? outputs : 2;
    }
}
