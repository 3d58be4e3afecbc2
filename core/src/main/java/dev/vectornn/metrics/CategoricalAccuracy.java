package dev.vectornn.metrics;

/** Keras' {@code categorical_accuracy}: arg-max of the output equals arg-max of the one-hot target. */
public final class CategoricalAccuracy extends Accuracy {
    public CategoricalAccuracy() {
        super(Kind.CATEGORICAL, "categorical_accuracy");
    }

    @Override
    public Metric copy() {
        return new CategoricalAccuracy();
    }
}
