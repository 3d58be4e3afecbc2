package dev.vectornn.optimizers;

import dev.vectornn.spi.NamedRegistry;
import dev.vectornn.spi.Providers;

import java.util.List;

/** The registry of {@link Optimizer}s found with {@code ServiceLoader}. */
public final class Optimizers {

    private Optimizers() {
    }

    private static final class Holder {
        static final NamedRegistry<Optimizer> REGISTRY =
                new NamedRegistry<>("optimizer", Providers.load(Optimizer.class), Optimizer::name, Optimizer::aliases);
    }

    /**
     * The optimizer called {@code name} with Keras' default hyper-parameters ({@code "sgd"}, {@code "adam"} ...).
     * Optimizers are immutable, so the registered instance is returned as it is.
     *
     * @throws IllegalArgumentException listing the known names if none is called so
     */
    public static Optimizer get(String name) {
        return Holder.REGISTRY.get(name);
    }

    public static List<String> names() {
        return Holder.REGISTRY.names();
    }

    public static String describe() {
        return Holder.REGISTRY.describe();
    }
}
