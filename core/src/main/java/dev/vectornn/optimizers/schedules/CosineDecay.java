package dev.vectornn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' {@code CosineDecay} with optional linear warm-up. Without {@code warmup_target} the rate
 * is {@code initial_learning_rate · ((1 − alpha) · ½(1 + cos(π · min(step, decay_steps) / decay_steps)) + alpha)}.
 * With it, the rate first rises linearly from {@code initial_learning_rate} to
 * {@code warmup_target} over {@code warmup_steps} steps, then decays from {@code warmup_target}
 * as above over the next {@code decay_steps} steps. As in Keras, {@code warmup_steps} is ignored
 * without a {@code warmup_target}. Computed in double (Keras computes in float32).
 */
public final class CosineDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double alpha;
    private final Double warmupTarget;
    private final long warmupSteps;

    /** Keras' {@code CosineDecay(initial_learning_rate, decay_steps)}: no warm-up, {@code alpha} 0. */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0, null, 0);
    }

    /**
     * @param warmupTarget the rate reached at the end of the warm-up, or null for none
     * @throws IllegalArgumentException if a rate is not a finite number ≥ 0, {@code alpha}
     *                                  is outside {@code [0, 1]}, {@code decaySteps < 1} or
     *                                  {@code warmupSteps < 0}
     */
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget, long warmupSteps) {
        this(settings(initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps));
    }

    /** From a config with Keras' keys; {@code alpha} defaults to 0, {@code warmup_target} to none, {@code warmup_steps} to 0. */
    public CosineDecay(Map<String, ?> config) {
        ScheduleConfig c = new ScheduleConfig("CosineDecay", config,
                "initial_learning_rate", "decay_steps", "alpha", "warmup_target", "warmup_steps");
        this.initialLearningRate = c.rate("initial_learning_rate");
        this.decaySteps = c.steps("decay_steps");
        this.alpha = c.map().getDouble("alpha", 0, 0, 1);
        this.warmupTarget = config.get("warmup_target") != null ? c.rate("warmup_target") : null;
        this.warmupSteps = c.map().getLong("warmup_steps", 0, 0, Long.MAX_VALUE);
    }

    private static Map<String, Object> settings(double initialLearningRate, long decaySteps, double alpha,
                                                Double warmupTarget, long warmupSteps) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        c.put("warmup_target", warmupTarget);
        c.put("warmup_steps", warmupSteps);
        return c;
    }

    @Override
    public double applyAsDouble(long step) {
        if (warmupTarget == null) {
            return decayed(Math.min(step, decaySteps), initialLearningRate);
        }
        // Keras caps the step at decay_steps + warmup_steps; in double so that the sum cannot overflow.
        double s = Math.min((double) step, (double) decaySteps + warmupSteps);
        if (s < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
        }
        return decayed(s - warmupSteps, warmupTarget);
    }

    private double decayed(double step, double from) {
        double cosine = 0.5 * (1 + Math.cos(Math.PI * (step / decaySteps)));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String className() {
        return "CosineDecay";
    }

    @Override
    public Map<String, Object> config() {
        return settings(initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps);
    }

    @Override
    public String toString() {
        return className() + config();
    }
}
