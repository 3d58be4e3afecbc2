package dev.vectornn.layers;

import dev.vectornn.spi.NamedRegistry;
import dev.vectornn.spi.Providers;

import java.util.List;
import java.util.Map;

/** The registry of {@link LayerType}s found with {@code ServiceLoader}: built-in and third-party alike. */
public final class Layers {

    private Layers() {
    }

    private static final class Holder {
        static final NamedRegistry<LayerType> REGISTRY =
                new NamedRegistry<>("layer", Providers.load(LayerType.class), LayerType::name, LayerType::aliases);
    }

    /**
     * Creates a layer of the registered type {@code name} from its configuration.
     *
     * @throws IllegalArgumentException if no type has that name (listing the known ones) or the config is wrong
     */
    public static Layer create(String name, Map<String, Object> config) {
        return Holder.REGISTRY.get(name).create(config);
    }

    /**
     * The canonical name of the layer type registered under {@code name} or one of its aliases, in
     * any spelling the registry accepts.
     *
     * @throws IllegalArgumentException if no type has that name (listing the known ones)
     */
    public static String typeName(String name) {
        return Holder.REGISTRY.get(name).name();
    }

    /** The registered layer type names. */
    public static List<String> names() {
        return Holder.REGISTRY.names();
    }

    /** One line per layer type provider found. */
    public static String describe() {
        return Holder.REGISTRY.describe();
    }
}
