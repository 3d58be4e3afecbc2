package dev.vectornn.models;

import java.util.Map;

/**
 * Hooks into {@link Sequential#fit}. Every method has an empty default; override what you need.
 * {@code logs} maps metric names ({@code "loss"}, {@code "accuracy"}, {@code "val_loss"} ...) to
 * the epoch's values. Call {@link Sequential#stopTraining(String)} to end training after this epoch.
 */
public interface Callback {

    default void onTrainBegin(Sequential model) {
    }

    default void onEpochBegin(Sequential model, int epoch) {
    }

    /**
     * After each batch's update. The model's gradients of that batch are still readable through
     * {@link Sequential#gradientsView()} until the next batch starts. Called on the training
     * thread; keep it cheap, it runs once per batch.
     */
    default void onBatchEnd(Sequential model, int epoch, int batch, int rows, double loss) {
    }

    /** After each epoch, {@code epoch} counted from 0. */
    default void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
    }

    default void onTrainEnd(Sequential model, History history) {
    }
}
