package dev.vectornn.models;

import java.util.Map;

/**
 * How the batches of an epoch are formed and trained on: {@link Sequential#fit} trains them on
 * this machine, a distributed trainer across a cluster. {@link Sequential#fit(StepStrategy,
 * FitOptions)} runs the same epoch loop over either, with the same callbacks, progress, stopping
 * and divergence rules.
 *
 * <p>The loop calls, per epoch, {@link #beginEpoch} once, then {@link #trainBatch} for each
 * batch, then {@link #metric} for each metric and {@link #validate} once. Every method runs on
 * the thread that called {@code fit}.
 */
public interface StepStrategy {

    /** Batches in one epoch. */
    int batches();

    /** Training samples in one epoch; the epoch's loss is the sum of its batch losses over this. */
    long samples();

    /** Prepares epoch {@code epoch} (counted from 0 in this {@code fit} call): shuffles, resets the metrics. */
    void beginEpoch(int epoch);

    /**
     * Trains on batch {@code batch} of the epoch: computes its loss and gradient with the model's
     * current parameters and applies one optimizer step.
     *
     * @return the rows the batch held (0 if it was empty and nothing was applied)
     * @throws NonFiniteLossException if the step diverged; the strategy must leave the model as
     *                                it was before the step
     */
    long trainBatch(int epoch, int batch);

    /** The summed loss of the last {@link #trainBatch}, measured before its update. */
    double lastLossSum();

    /** The epoch's value so far of metric {@code index}, in the order of {@link Sequential#metricNames()}. */
    double metric(int index);

    /** The mean loss of the model's current parameters over the training samples (inference mode). */
    double currentLoss();

    /** After an epoch: the validation loss and metrics by name ({@code "loss"}, {@code "accuracy"} ...), or an empty map. */
    Map<String, Double> validate();
}
