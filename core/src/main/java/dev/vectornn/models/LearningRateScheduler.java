package dev.vectornn.models;

import java.util.Objects;

/**
 * Sets the learning rate at the start of each epoch from a function of the epoch (counted from 0)
 * and the current rate, as Keras 3's {@code keras.callbacks.LearningRateScheduler}.
 *
 * <pre>{@code
 * // Keras' documentation example: keep the rate for 10 epochs, then decay it by e^-0.1 per epoch.
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))
 * }</pre>
 *
 * The rate is set through {@link Sequential#setLearningRate(double)}: an optimizer whose rate is a
 * schedule is refused there, as in Keras.
 */
public final class LearningRateScheduler implements Callback {

    /** The new rate for an epoch, given the epoch (from 0) and the rate in use. */
    @FunctionalInterface
    public interface Schedule {
        double rate(int epoch, double currentRate);
    }

    private final Schedule schedule;

    public LearningRateScheduler(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * @throws IllegalArgumentException if the schedule gives a rate that is not a positive finite number
     */
    @Override
    public void onEpochBegin(Sequential model, int epoch) {
        double rate = schedule.rate(epoch, model.learningRate());
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule gave the learning rate " + rate
                    + " for epoch " + epoch + "; it must be a positive finite number");
        }
        model.setLearningRate(rate);
    }
}
