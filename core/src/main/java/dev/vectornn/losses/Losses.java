package dev.vectornn.losses;

import dev.vectornn.spi.NamedRegistry;
import dev.vectornn.spi.Providers;

import java.util.List;

/** The registry of {@link Loss}es found with {@code ServiceLoader}. */
public final class Losses {

    private Losses() {
    }

    private static final class Holder {
        static final NamedRegistry<Loss> REGISTRY =
                new NamedRegistry<>("loss", Providers.load(Loss.class), Loss::name, Loss::aliases);
    }

    /**
     * The loss called {@code name} ({@code "mse"}, {@code "categorical_crossentropy"} ...).
     *
     * @throws IllegalArgumentException listing the known names if none is called so
     */
    public static Loss get(String name) {
        return Holder.REGISTRY.get(name);
    }

    public static List<String> names() {
        return Holder.REGISTRY.names();
    }

    public static String describe() {
        return Holder.REGISTRY.describe();
    }
}
