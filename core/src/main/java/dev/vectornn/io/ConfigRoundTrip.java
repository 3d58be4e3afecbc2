package dev.vectornn.io;

import dev.vectornn.layers.Layers;
import dev.vectornn.losses.Losses;
import dev.vectornn.metrics.Metrics;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.optimizers.schedules.LearningRateSchedules;
import dev.vectornn.spi.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Compares a stored configuration with the configuration of what was rebuilt from it. Format
 * version 2 requires them to be equal: every key the rebuilt object reports must be in the file
 * (so nothing falls back to a default), the file may have no other key, and every value must read
 * back unchanged (so no value is silently clamped or rounded). Values are compared as JSON text, so
 * {@code Integer} 16 and {@code Long} 16 are the same; maps and lists are compared element by
 * element with the same rules, so a nested map may not gain or lose a key either.
 *
 * <p>Names are the exception, because the registries accept more than one spelling of a name and
 * its aliases: a stored string reads back if it is the same {@linkplain #sameName name} as the one
 * rebuilt ({@code "swish"} for {@code "silu"}, {@code "MSE"} for {@code "mean_squared_error"}). The
 * rebuilt object reports the canonical name, which is what a save writes.
 */
final class ConfigRoundTrip {

    private ConfigRoundTrip() {
    }

    /** What differs between {@code stored} and {@code rebuilt}, or null if nothing does. */
    static String problem(Map<String, Object> stored, Map<String, Object> rebuilt) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>(rebuilt.keySet());
        missing.removeAll(stored.keySet());
        if (!missing.isEmpty()) {
            problems.add("missing the required key(s) " + missing);
        }
        TreeSet<String> unknown = new TreeSet<>(stored.keySet());
        unknown.removeAll(rebuilt.keySet());
        if (!unknown.isEmpty()) {
            problems.add("has the unknown key(s) " + unknown);
        }
        for (Map.Entry<String, Object> e : stored.entrySet()) {
            if (!rebuilt.containsKey(e.getKey())) {
                continue;
            }
            if (!same(e.getValue(), rebuilt.get(e.getKey()), e.getKey())) {
                problems.add("\"" + e.getKey() + "\" is " + text(e.getValue(), e.getKey()) + " but reads back as "
                        + text(rebuilt.get(e.getKey()), e.getKey()));
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static boolean same(Object stored, Object rebuilt, String key) {
        if (stored instanceof String a && rebuilt instanceof String b) {
            return sameName(a, b);
        }
        if (stored instanceof Map<?, ?> a && rebuilt instanceof Map<?, ?> b) {
            if (!a.keySet().equals(b.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : a.entrySet()) {
                if (!same(e.getValue(), b.get(e.getKey()), key + "." + e.getKey())) {
                    return false;
                }
            }
            return true;
        }
        if (stored instanceof List<?> a && rebuilt instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i), key + "[" + i + "]")) {
                    return false;
                }
            }
            return true;
        }
        return Json.write(stored, key).equals(Json.write(rebuilt, key));
    }

    /**
     * True if {@code stored} and {@code rebuilt} are equal, or if one of the name registries
     * (activations, losses, metrics, optimizers, layer types, schedules) finds the same entry under both:
     * an alias or another spelling of the canonical name that the rebuilt object reports.
     */
    static boolean sameName(String stored, String rebuilt) {
        if (stored.equals(rebuilt)) {
            return true;
        }
        return sameIn(n -> Activation.byName(n).name(), stored, rebuilt)
                || sameIn(n -> Losses.get(n).name(), stored, rebuilt)
                || sameIn(n -> Metrics.get(n).name(), stored, rebuilt)
                || sameIn(n -> Optimizers.get(n).name(), stored, rebuilt)
                || sameIn(Layers::typeName, stored, rebuilt)
                || sameIn(LearningRateSchedules::typeName, stored, rebuilt);
    }

    private static boolean sameIn(UnaryOperator<String> canonical, String stored, String rebuilt) {
        try {
            return canonical.apply(stored).equals(canonical.apply(rebuilt));
        } catch (IllegalArgumentException unknownThere) {
            return false; // not a name of this registry: the next one may know it
        }
    }

    private static String text(Object value, String key) {
        String s = Json.write(value, key);
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
