package dev.vectornn.optimizers.schedules;

import java.util.Map;

/**
 * Keras' {@code InverseTimeDecay}: {@code initial_learning_rate / (1 + decay_rate · step / decay_steps)},
 * with {@code step / decay_steps} rounded down if {@code staircase}. Computed in double (Keras
 * computes in float32). {@code decay_steps} is a whole number here.
 */
public final class InverseTimeDecay extends RateDecay {

    /**
     * @throws IllegalArgumentException if {@code initialLearningRate} is not a finite number ≥ 0,
     *                                  {@code decayRate} not a positive finite number, or {@code decaySteps < 1}
     */
    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase) {
        this(settings(initialLearningRate, decaySteps, decayRate, staircase));
    }

    /** From a config with Keras' keys; {@code staircase} defaults to false. */
    public InverseTimeDecay(Map<String, ?> config) {
        super("InverseTimeDecay", config);
    }

    @Override
    public double applyAsDouble(long step) {
        return initialLearningRate / (1 + decayRate * progress(step));
    }

    @Override
    public String className() {
        return "InverseTimeDecay";
    }
}
