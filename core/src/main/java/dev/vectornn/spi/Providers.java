package dev.vectornn.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Loads every provider of a service, surviving broken ones.
 *
 * <p>{@code ServiceLoader}'s iterator throws {@link ServiceConfigurationError} for a provider that
 * cannot be loaded or instantiated (a missing class, a {@code LinkageError}, an exception in its
 * constructor) and then carries on with the next one. One broken jar must never take the whole
 * library down, so each failure is recorded here and reported by the caller instead.
 */
public final class Providers {

    /** One provider found by {@code ServiceLoader}: either loaded, or the reason it was not. */
    public record Loaded<T>(T provider, Throwable failure) {
        public boolean ok() {
            return provider != null;
        }
    }

    private Providers() {
    }

    /**
     * Every provider of {@code service} visible to this module's loader and the thread's context
     * class loader, in {@code ServiceLoader} order, with failures in place of broken ones.
     */
    public static <T> List<Loaded<T>> load(Class<T> service) {
        List<Loaded<T>> result = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(service).iterator();
        // A provider whose class cannot be found makes hasNext() throw; bound the loop so a
        // misbehaving loader cannot spin forever.
        for (int guard = 0; guard < 10_000; guard++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                result.add(new Loaded<>(it.next(), null));
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                result.add(new Loaded<>(null, e));
            }
        }
        return List.copyOf(result);
    }
}
