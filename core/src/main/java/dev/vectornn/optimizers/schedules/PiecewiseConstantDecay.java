package dev.vectornn.optimizers.schedules;

import dev.vectornn.spi.ConfigMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code PiecewiseConstantDecay}: {@code values[0]} while {@code step ≤ boundaries[0]},
 * {@code values[1]} while {@code boundaries[0] < step ≤ boundaries[1]}, ... and the last value
 * after the last boundary. Boundaries are whole step counts here, strictly increasing; there is
 * one more value than boundaries, each a finite number ≥ 0.
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    /**
     * @throws IllegalArgumentException if the boundaries do not increase strictly, if there is not
     *                                  exactly one more value than boundaries, or if a value is
     *                                  not a finite number ≥ 0
     */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        this(Map.of("boundaries", toList(boundaries), "values", toList(values)));
    }

    /** From a config with Keras' keys {@code boundaries} and {@code values} (lists of numbers). */
    public PiecewiseConstantDecay(Map<String, ?> config) {
        ConfigMap c = new ScheduleConfig("PiecewiseConstantDecay", config, "boundaries", "values").map();
        List<?> b = list(c, config, "boundaries");
        List<?> v = list(c, config, "values");
        if (v.size() != b.size() + 1) {
            throw c.error("values", "must have one more entry than boundaries (" + b.size() + "), got " + v.size());
        }
        boundaries = new long[b.size()];
        for (int i = 0; i < boundaries.length; i++) {
            boundaries[i] = ConfigMap.of("PiecewiseConstantDecay boundaries", Map.of("[" + i + "]", b.get(i)))
                    .getLong("[" + i + "]", 0, Long.MAX_VALUE);
            if (i > 0 && boundaries[i] <= boundaries[i - 1]) {
                throw c.error("boundaries", "must increase strictly, got " + b);
            }
        }
        values = new double[v.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ConfigMap.of("PiecewiseConstantDecay values", Map.of("[" + i + "]", v.get(i)))
                    .getDouble("[" + i + "]", 0, Double.MAX_VALUE);
        }
    }

    private static List<?> list(ConfigMap c, Map<String, ?> config, String key) {
        Object o = config.get(key);
        if (!(o instanceof List<?>)) {
            throw c.error(key, "must be a list of numbers, got " + ConfigMap.quote(o));
        }
        for (Object e : (List<?>) o) {
            if (e == null) {
                throw c.error(key, "must not hold null, got " + ConfigMap.quote(o));
            }
        }
        return (List<?>) o;
    }

    private static List<Object> toList(long[] a) {
        List<Object> l = new ArrayList<>();
        for (long x : a) {
            l.add(x);
        }
        return l;
    }

    private static List<Object> toList(double[] a) {
        List<Object> l = new ArrayList<>();
        for (double x : a) {
            l.add(x);
        }
        return l;
    }

    @Override
    public double applyAsDouble(long step) {
        int i = 0;
        while (i < boundaries.length && step > boundaries[i]) {
            i++;
        }
        return values[i];
    }

    @Override
    public String className() {
        return "PiecewiseConstantDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("boundaries", toList(boundaries));
        c.put("values", toList(values));
        return c;
    }

    @Override
    public String toString() {
        return className() + "{boundaries=" + Arrays.toString(boundaries) + ", values=" + Arrays.toString(values) + "}";
    }
}
