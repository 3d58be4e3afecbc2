package dev.vectornn.optimizers;

import dev.vectornn.spi.ConfigMap;

import java.util.Map;
import java.util.Set;

/** Reads hyper-parameters from a config map with messages that say what was wrong. */
final class Hyper {
    private Hyper() {
    }

    /** The float as the double a person wrote (0.01f → 0.01, not 0.009999999776482582), for configs. */
    static double exact(float v) {
        return Double.parseDouble(Float.toString(v));
    }

    static void checkKeys(String optimizer, Map<String, Object> config, Set<String> known) {
        ConfigMap.of(optimizer + " config", config).checkKeys(known.toArray(String[]::new));
    }

    static float positive(String optimizer, String key, Map<String, Object> config, float fallback) {
        float v = number(optimizer, key, config, fallback);
        if (!(v > 0) || !Float.isFinite(v)) {
            throw new IllegalArgumentException(optimizer + " " + key + " must be a positive finite number, got " + v);
        }
        return v;
    }

    static float unit(String optimizer, String key, Map<String, Object> config, float fallback) {
        float v = number(optimizer, key, config, fallback);
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(optimizer + " " + key + " must be in [0, 1), got " + v);
        }
        return v;
    }

    static float number(String optimizer, String key, Map<String, Object> config, float fallback) {
        return (float) ConfigMap.of(optimizer + " config", config).getDouble(key, fallback, -Double.MAX_VALUE, Double.MAX_VALUE);
    }
}
