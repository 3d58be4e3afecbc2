package dev.vectornn.optimizers.schedules;

import java.util.Map;

/**
 * Keras' {@code ExponentialDecay}: {@code initial_learning_rate · decay_rate^(step / decay_steps)},
 * with the exponent rounded down to a whole number if {@code staircase}. Computed in double
 * (Keras computes in float32). {@code decay_steps} is a whole number here.
 */
public final class ExponentialDecay extends RateDecay {

    /**
     * @throws IllegalArgumentException if {@code initialLearningRate} is not a finite number ≥ 0,
     *                                  {@code decayRate} not a positive finite number, or {@code decaySteps < 1}
     */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase) {
        this(settings(initialLearningRate, decaySteps, decayRate, staircase));
    }

    /** From a config with Keras' keys; {@code staircase} defaults to false. */
    public ExponentialDecay(Map<String, ?> config) {
        super("ExponentialDecay", config);
    }

    @Override
    public double applyAsDouble(long step) {
        return initialLearningRate * Math.pow(decayRate, progress(step));
    }

    @Override
    public String className() {
        return "ExponentialDecay";
    }
}
