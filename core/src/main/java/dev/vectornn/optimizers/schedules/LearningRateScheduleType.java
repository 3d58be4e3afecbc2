package dev.vectornn.optimizers.schedules;

import java.util.List;
import java.util.Map;

/**
 * A kind of {@link LearningRateSchedule} that a saved model can name: the seventh service interface,
 * found with {@link java.util.ServiceLoader} as the others are. The four built-ins are registered
 * this way too. A schedule of your own is saved and loaded with its settings once its type is
 * registered:
 *
 * <pre>{@code
 * public final class WarmupHold implements LearningRateSchedule {       // className() "WarmupHold"
 *     public static final class Type implements LearningRateScheduleType {
 *         public String name() { return "WarmupHold"; }
 *         public LearningRateSchedule create(Map<String, ?> config) { return new WarmupHold(config); }
 *     }
 *     ...
 * }
 * }</pre>
 * and list {@code WarmupHold$Type} in {@code META-INF/services/dev.vectornn.optimizers.schedules.LearningRateScheduleType}
 * (or {@code provides} it on the module path). This plays the role of Keras'
 * {@code @keras.saving.register_keras_serializable()} on a {@code LearningRateSchedule} subclass.
 */
public interface LearningRateScheduleType {

    /**
     * The class name the file stores, equal to {@link LearningRateSchedule#className()} of what
     * {@link #create} returns (Keras' class name for the built-ins, e.g. {@code "CosineDecay"}).
     */
    String name();

    /** Other names the type is found by; none by default. */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * The schedule with these settings, as {@link LearningRateSchedule#config()} wrote them. Must
     * refuse, naming it, a key it does not know or a required key that is missing (so that a file
     * never loads with a silently defaulted setting), and must give back a schedule whose
     * {@code config()} equals {@code config}.
     *
     * @throws IllegalArgumentException if the config is wrong
     */
    LearningRateSchedule create(Map<String, ?> config);
}
