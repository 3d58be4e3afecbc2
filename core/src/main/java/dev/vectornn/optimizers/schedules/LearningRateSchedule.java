package dev.vectornn.optimizers.schedules;

import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * A learning rate that changes with the optimizer's step, as Keras'
 * {@code keras.optimizers.schedules.LearningRateSchedule}: the optimizer calls
 * {@link #applyAsDouble} with its step count before each update (Keras' {@code iterations}: 0
 * for the first update, then 1, 2 ...), so the rate is a pure function of that count and training
 * resumed from a saved model continues on the same rates.
 *
 * <p>A schedule given to an optimizer is saved inside the optimizer's config in Keras' nested
 * form, {@code {"class_name": "CosineDecay", "config": {...}}}, and rebuilt by
 * {@link LearningRateSchedules#fromConfig}. Any other {@link LongToDoubleFunction} also works as a
 * schedule, but has no config, so a model that uses one cannot be saved.
 */
public interface LearningRateSchedule extends LongToDoubleFunction {

    /** Keras' class name, e.g. {@code "ExponentialDecay"}. */
    String className();

    /** The settings as JSON-like values, with Keras' keys. */
    Map<String, Object> config();

    /**
     * The learning rate for the update after {@code step} updates.
     *
     * @param step the optimizer's step count before the update, ≥ 0
     */
    @Override
    double applyAsDouble(long step);
}
