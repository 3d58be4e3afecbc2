package dev.vectornn.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a stored configuration with the configuration of what was rebuilt from it. Format
 * version 2 requires them to be equal: every key the rebuilt object reports must be in the file
 * (so nothing falls back to a default), the file may have no other key, and every value must read
 * back unchanged (so no value is silently clamped or rounded). Values are compared as JSON text, so
 * {@code Integer} 16 and {@code Long} 16 are the same.
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
            String before = text(e.getValue(), e.getKey());
            String after = text(rebuilt.get(e.getKey()), e.getKey());
            if (!before.equals(after)) {
                problems.add("\"" + e.getKey() + "\" is " + before + " but reads back as " + after);
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static String text(Object value, String key) {
        String s = Json.write(value, key);
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
