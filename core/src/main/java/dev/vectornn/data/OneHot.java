package dev.vectornn.data;

/** One-hot encoding, Keras' {@code to_categorical}: label 2 of 3 becomes {@code [0, 0, 1]}. */
public final class OneHot {
    private OneHot() {
    }

    /**
     * One-hot rows with as many columns as the largest label + 1.
     *
     * @throws IllegalArgumentException if {@code labels} is null or empty (the number of classes
     *                                  would be unknown) or holds a negative label
     */
    public static float[][] toCategorical(int[] labels) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("toCategorical needs at least one label to know the number of classes; "
                    + "for empty data use toCategorical(labels, classes)");
        }
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return toCategorical(labels, Math.max(max + 1, 1)); // all negative: the label check below names one
    }

    /**
     * One-hot rows of {@code classes} columns.
     *
     * @throws IllegalArgumentException naming the position of a label outside {@code [0, classes)}
     */
    public static float[][] toCategorical(int[] labels, int classes) {
        if (labels == null) {
            throw new IllegalArgumentException("labels is null");
        }
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        float[][] out = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l < 0 || l >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + l + ", not in [0, " + classes + ")");
            }
            out[i][l] = 1f;
        }
        return out;
    }

    /** Labels as a one-column matrix, for sparse losses: {@code [[2], [0], ...]}. */
    public static float[][] column(int[] labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels is null");
        }
        float[][] out = new float[labels.length][1];
        for (int i = 0; i < labels.length; i++) {
            out[i][0] = labels[i];
        }
        return out;
    }
}
