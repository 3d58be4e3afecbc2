package dev.vectornn.optimizers.schedules;

import dev.vectornn.spi.ConfigMap;

import java.util.Map;

/** Checked reading of a schedule's config, with messages naming the schedule and the key. */
final class ScheduleConfig {
    private final ConfigMap map;

    ScheduleConfig(String schedule, Map<String, ?> config, String... keys) {
        this.map = ConfigMap.of(schedule + " config", config).checkKeys(keys);
    }

    ConfigMap map() {
        return map;
    }

    /** A required learning rate: a finite number ≥ 0 (a warm-up may start from 0). */
    double rate(String key) {
        return map.getDouble(key, 0, Double.MAX_VALUE);
    }

    /** A required finite number greater than 0. */
    double positive(String key) {
        return map.getDouble(key, Double.MIN_VALUE, Double.MAX_VALUE);
    }

    /** A required whole number of steps, at least 1. */
    long steps(String key) {
        return map.getLong(key, 1, Long.MAX_VALUE);
    }
}
