package dev.vectornn.layers;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A setting stored as a name and its options, {@code {"name": "l2", "config": {"l2": 0.01}}}, or a
 * bare name: how a layer's config holds a {@link Regularizer} or a {@link Constraint} (the same
 * form as a configured activation).
 */
record NamedConfig(String name, Map<String, Object> settings) {

    /** The stored form, name first. */
    Map<String, Object> write() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("config", settings);
        return c;
    }

    /**
     * Reads a bare name or the map {@link #write()} makes.
     *
     * @param what  where the value was found, for messages (e.g. {@code "Dense kernel_regularizer"})
     * @param known the known names, for the message when the value has neither form
     * @throws IllegalArgumentException naming {@code what} if the value has neither form or the map
     *                                  has other keys
     */
    static NamedConfig read(String what, Object value, String known) {
        if (value instanceof String) {
            return new NamedConfig((String) value, Map.of());
        }
        if (value instanceof Map && ((Map<?, ?>) value).get("name") instanceof String) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            ConfigMap.of(what, map).checkKeys("name", "config");
            Object settings = map.get("config");
            if (settings != null && !(settings instanceof Map)) {
                throw new IllegalArgumentException(what + ": 'config' must be a map, got " + ConfigMap.quote(settings));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = settings == null ? Map.of() : (Map<String, Object>) settings;
            return new NamedConfig((String) map.get("name"), typed);
        }
        throw new IllegalArgumentException(what + " must be a name " + known + " or {\"name\": ..., \"config\": {...}}, got "
                + ConfigMap.quote(value));
    }
}
