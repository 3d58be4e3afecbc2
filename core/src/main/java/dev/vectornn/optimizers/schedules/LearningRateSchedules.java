package dev.vectornn.optimizers.schedules;

import dev.vectornn.spi.ConfigMap;
import dev.vectornn.spi.NamedRegistry;
import dev.vectornn.spi.Providers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * The learning-rate schedules by class name, and the nested form
 * {@code {"class_name": ..., "config": {...}}} in which an optimizer's config holds a schedule.
 * The schedules are those of every {@link LearningRateScheduleType} found with
 * {@link java.util.ServiceLoader}: the four built-ins (Keras' class names) and any registered by a
 * jar of your own. Names match as elsewhere in vectornn: case and underscores do not matter, so
 * {@code "CosineDecay"} and {@code "cosine_decay"} are the same.
 */
public final class LearningRateSchedules {

    /** The class name written for a plain {@link LongToDoubleFunction}, which cannot be rebuilt. */
    static final String FUNCTION = "LongToDoubleFunction";

    private static final class Holder {
        static final NamedRegistry<LearningRateScheduleType> REGISTRY = new NamedRegistry<>("learning-rate schedule",
                Providers.load(LearningRateScheduleType.class), LearningRateScheduleType::name,
                LearningRateScheduleType::aliases);
    }

    private LearningRateSchedules() {
    }

    /** The class names of the schedules found: the built-ins first, then those registered by other jars. */
    public static List<String> names() {
        return Holder.REGISTRY.names();
    }

    /** One line per schedule type found (and per broken one), for {@code VectorNN.describe()}. */
    public static String describe() {
        return Holder.REGISTRY.describe();
    }

    /**
     * The class name of the schedule type registered under {@code className} or an alias, in any
     * spelling the registry accepts.
     *
     * @throws IllegalArgumentException naming the known schedules if none is called so
     */
    public static String typeName(String className) {
        return type(className).name();
    }

    private static LearningRateScheduleType type(String className) {
        if (className == null) {
            throw new IllegalArgumentException("A learning-rate schedule needs a class name; known: " + names());
        }
        if (NamedRegistry.key(className).equals(NamedRegistry.key(FUNCTION))) {
            throw new IllegalArgumentException("The learning rate was a plain LongToDoubleFunction, which has no config "
                    + "and cannot be saved or rebuilt; use one of " + names() + ", or a LearningRateSchedule of your own "
                    + "with a LearningRateScheduleType registered in META-INF/services, or do not save the model");
        }
        if (!Holder.REGISTRY.contains(className)) {
            throw new IllegalArgumentException("Unknown learning-rate schedule " + ConfigMap.quote(className)
                    + "; known: " + names() + " (a schedule of your own needs its LearningRateScheduleType listed in "
                    + "META-INF/services/dev.vectornn.optimizers.schedules.LearningRateScheduleType)");
        }
        return Holder.REGISTRY.get(className);
    }

    /**
     * The schedule {@code className} built from {@code config}.
     *
     * @throws IllegalArgumentException naming the known schedules if none is called so, or what is
     *                                  wrong in the config, or if the type built a schedule of
     *                                  another class name
     */
    public static LearningRateSchedule create(String className, Map<String, ?> config) {
        LearningRateScheduleType type = type(className);
        LearningRateSchedule schedule = type.create(config == null ? Map.of() : config);
        if (schedule == null || !type.name().equals(schedule.className())) {
            throw new IllegalArgumentException("The learning-rate schedule type " + ConfigMap.quote(type.name()) + " ("
                    + type.getClass().getName() + ") built " + (schedule == null ? "null"
                    : "a schedule of class name " + ConfigMap.quote(schedule.className()))
                    + "; its create must return a schedule whose className() is its name()");
        }
        return schedule;
    }

    /**
     * The schedule described by Keras' nested form {@code {"class_name": ..., "config": {...}}}.
     *
     * @throws IllegalArgumentException if the map does not have that form or names no registered schedule
     */
    public static LearningRateSchedule fromConfig(Map<String, ?> nested) {
        ConfigMap c = ConfigMap.of("learning-rate schedule", nested).checkKeys("class_name", "config", "module", "registered_name");
        Object config = nested.get("config");
        if (config != null && !(config instanceof Map<?, ?>)) {
            throw c.error("config", "must be a map, got " + ConfigMap.quote(config));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> settings = (Map<String, ?>) config;
        return create(c.getString("class_name"), settings);
    }

    /**
     * {@code schedule} in Keras' nested form. A {@link LearningRateSchedule} gives its class name
     * and config; any other function is written as class {@value #FUNCTION} with its
     * {@code toString()} as description, which {@link #fromConfig} refuses with a clear message, so
     * that saving a model with such a rate fails before anything is written.
     */
    public static Map<String, Object> toConfig(LongToDoubleFunction schedule) {
        Map<String, Object> nested = new LinkedHashMap<>();
        if (schedule instanceof LearningRateSchedule) {
            LearningRateSchedule s = (LearningRateSchedule) schedule;
            nested.put("class_name", s.className());
            nested.put("config", s.config());
        } else {
            nested.put("class_name", FUNCTION);
            nested.put("config", Map.of("description", String.valueOf(schedule)));
        }
        return nested;
    }
}
