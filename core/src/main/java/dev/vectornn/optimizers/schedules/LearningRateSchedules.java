package dev.vectornn.optimizers.schedules;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongToDoubleFunction;

/**
 * The built-in {@link LearningRateSchedule}s by Keras class name, and the nested form
 * {@code {"class_name": ..., "config": {...}}} in which an optimizer's config holds a schedule.
 * Names match as elsewhere in vectornn: case and underscores do not matter, so
 * {@code "CosineDecay"} and {@code "cosine_decay"} are the same.
 */
public final class LearningRateSchedules {

    /** The class name written for a plain {@link LongToDoubleFunction}, which cannot be rebuilt. */
    static final String FUNCTION = "LongToDoubleFunction";

    private static final Map<String, Function<Map<String, ?>, LearningRateSchedule>> BUILT_IN = new LinkedHashMap<>();
    private static final Map<String, String> CANONICAL = new LinkedHashMap<>();

    static {
        add("ExponentialDecay", ExponentialDecay::new);
        add("PiecewiseConstantDecay", PiecewiseConstantDecay::new);
        add("CosineDecay", CosineDecay::new);
        add("InverseTimeDecay", InverseTimeDecay::new);
    }

    private LearningRateSchedules() {
    }

    private static void add(String name, Function<Map<String, ?>, LearningRateSchedule> create) {
        BUILT_IN.put(key(name), create);
        CANONICAL.put(key(name), name);
    }

    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The Keras class names of the built-in schedules. */
    public static List<String> names() {
        return List.copyOf(CANONICAL.values());
    }

    /**
     * The schedule {@code className} built from {@code config}.
     *
     * @throws IllegalArgumentException naming the known schedules if none is called so, or what is
     *                                  wrong in the config
     */
    public static LearningRateSchedule create(String className, Map<String, ?> config) {
        if (className == null) {
            throw new IllegalArgumentException("A learning-rate schedule needs a class name; known: " + names());
        }
        if (key(className).equals(key(FUNCTION))) {
            throw new IllegalArgumentException("The learning rate was a plain LongToDoubleFunction, which has no config "
                    + "and cannot be saved or rebuilt; use one of " + names() + ", or a LearningRateSchedule of your own "
                    + "and do not save the model");
        }
        Function<Map<String, ?>, LearningRateSchedule> create = BUILT_IN.get(key(className));
        if (create == null) {
            throw new IllegalArgumentException("Unknown learning-rate schedule " + ConfigMap.quote(className)
                    + "; known: " + names());
        }
        return create.apply(config == null ? Map.of() : config);
    }

    /**
     * The schedule described by Keras' nested form {@code {"class_name": ..., "config": {...}}}.
     *
     * @throws IllegalArgumentException if the map does not have that form or names no built-in schedule
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
