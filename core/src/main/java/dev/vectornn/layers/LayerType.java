package dev.vectornn.layers;

import java.util.List;
import java.util.Map;

/**
 * A kind of {@link Layer}, registered by name and found with {@link java.util.ServiceLoader}.
 *
 * <p>A model description (a saved file, a configuration) names its layers by these names and
 * gives each its configuration as a map of JSON-like values; the type turns that back into a
 * layer. Built-in types and third-party jars are found the same way: list the class in
 * {@code META-INF/services/dev.vectornn.layers.LayerType} (and {@code provides} it on the module path).
 */
public interface LayerType {

    /** The registered name, e.g. {@code "dense"}. Lower case by convention. */
    String name();

    /** Other names this type answers to, e.g. {@code "Dense"}. */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * Creates a layer from its configuration, the map that {@link Layer#config()} returns.
     *
     * @throws IllegalArgumentException if a required key is missing or a value is out of range,
     *         naming the key and the value
     */
    Layer create(Map<String, Object> config);
}
