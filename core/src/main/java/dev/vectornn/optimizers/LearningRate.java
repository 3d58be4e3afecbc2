package dev.vectornn.optimizers;

import dev.vectornn.optimizers.schedules.LearningRateSchedule;
import dev.vectornn.optimizers.schedules.LearningRateSchedules;
import dev.vectornn.spi.ConfigMap;

import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * An optimizer's {@code learning_rate}: a constant float, or a schedule of the step (a
 * {@link LearningRateSchedule}, any {@link LongToDoubleFunction}, or in a config Keras' nested
 * {@code {"class_name": ..., "config": ...}} form). The update uses the rate as a float.
 */
final class LearningRate {
    private final float constant;
    private final LongToDoubleFunction schedule;

    private LearningRate(float constant, LongToDoubleFunction schedule) {
        this.constant = constant;
        this.schedule = schedule;
    }

    /**
     * Reads {@code learning_rate} from {@code config}: a positive finite number, a function of the
     * step, or a nested schedule config; {@code fallback} if absent.
     *
     * @throws IllegalArgumentException naming the optimizer and what is wrong
     */
    static LearningRate of(String optimizer, Map<String, Object> config, float fallback) {
        Object v = config.get("learning_rate");
        if (v instanceof LongToDoubleFunction) {
            return new LearningRate(Float.NaN, (LongToDoubleFunction) v);
        }
        if (v instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, ?> nested = (Map<String, ?>) v;
            try {
                return new LearningRate(Float.NaN, LearningRateSchedules.fromConfig(nested));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(optimizer + " learning_rate: " + e.getMessage(), e);
            }
        }
        if (v != null && !(v instanceof Number)) {
            throw ConfigMap.of(optimizer + " config", config).error("learning_rate",
                    "must be a number, a LearningRateSchedule or a {class_name, config} map, got " + ConfigMap.quote(v));
        }
        return new LearningRate(Hyper.positive(optimizer, "learning_rate", config, fallback), null);
    }

    boolean isScheduled() {
        return schedule != null;
    }

    /**
     * The config value: the number or the nested schedule form. A plain function is written in a
     * form that {@link LearningRateSchedules#fromConfig} refuses, so saving fails with its message.
     */
    Object configValue() {
        return schedule == null ? Hyper.exact(constant) : LearningRateSchedules.toConfig(schedule);
    }

    /** What {@link #of} reads back as this rate: the number, or the schedule object itself. */
    Object liveValue() {
        return schedule == null ? Hyper.exact(constant) : schedule;
    }

    /**
     * The float rate of the update after {@code iterations} updates.
     *
     * @throws IllegalArgumentException if a schedule gives a number that is not finite or is negative
     */
    float at(String optimizer, long iterations) {
        if (schedule == null) {
            return constant;
        }
        double r = schedule.applyAsDouble(iterations);
        float f = (float) r;
        if (!(f >= 0) || f == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(optimizer + ": the learning-rate schedule " + schedule + " gave " + r
                    + " at step " + iterations + "; a learning rate must be a finite number ≥ 0");
        }
        return f;
    }
}
