package dev.vectornn.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * The activations known by name: the built-ins first, then those found with {@code ServiceLoader}.
 * A holder of its own, so that {@link Activation}'s constants never wait for plugin loading.
 */
final class ActivationRegistry {

    static final NamedRegistry<Activation> REGISTRY = build();

    private ActivationRegistry() {
    }

    private static NamedRegistry<Activation> build() {
        List<Providers.Loaded<Activation>> all = new ArrayList<>();
        for (Activation builtin : Activation.allBuiltins()) {
            all.add(new Providers.Loaded<>(builtin, null));
        }
        all.addAll(Providers.load(Activation.class));
        return new NamedRegistry<>("activation", all, Activation::name, Activation::aliases);
    }
}
