package dev.vectornn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link ExponentialDecay} and {@link InverseTimeDecay} share: Keras' four settings
 * {@code initial_learning_rate}, {@code decay_steps}, {@code decay_rate} and {@code staircase},
 * and the progress {@code p = step / decay_steps}, rounded down if {@code staircase}.
 */
abstract class RateDecay implements LearningRateSchedule {
    final double initialLearningRate;
    final long decaySteps;
    final double decayRate;
    final boolean staircase;

    RateDecay(String className, Map<String, ?> config) {
        ScheduleConfig c = new ScheduleConfig(className, config,
                "initial_learning_rate", "decay_steps", "decay_rate", "staircase");
        this.initialLearningRate = c.rate("initial_learning_rate");
        this.decaySteps = c.steps("decay_steps");
        this.decayRate = c.positive("decay_rate");
        this.staircase = c.map().getBoolean("staircase", false);
    }

    static Map<String, Object> settings(double initialLearningRate, long decaySteps, double decayRate, boolean staircase) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        return c;
    }

    /** {@code step / decay_steps}, rounded down if {@code staircase}. */
    final double progress(long step) {
        double p = (double) step / decaySteps;
        return staircase ? Math.floor(p) : p;
    }

    @Override
    public final Map<String, Object> config() {
        return settings(initialLearningRate, decaySteps, decayRate, staircase);
    }

    @Override
    public final String toString() {
        return className() + config();
    }
}
