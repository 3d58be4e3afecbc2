package dev.vectornn.metrics;

/** Keras' {@code sparse_categorical_accuracy}: arg-max of the output equals the integer label. */
public final class SparseCategoricalAccuracy extends Accuracy {
    public SparseCategoricalAccuracy() {
        super(Kind.SPARSE, "sparse_categorical_accuracy");
    }

    @Override
    public Metric copy() {
        return new SparseCategoricalAccuracy();
    }
}
