package dev.vectornn.optimizers;

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
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown " + optimizer + " hyper-parameter '" + key
                        + "'. Known: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
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
        Object o = config.get(key);
        if (o == null) {
            return fallback;
        }
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException(optimizer + " " + key + " must be a number, got " + o);
        }
        return n.floatValue();
    }
}
