package dev.vectornn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The hook through which {@code Sequential.save} and {@code Sequential.load} reach the model file
 * format in {@code dev.vectornn.io} without the models package depending on io (io depends on
 * models, to describe and rebuild a model). Generic in the model type so that this package
 * depends on neither. Core provides the one implementation; the package is not exported.
 *
 * @param <M> the model type
 */
public interface ModelStore<M> {

    /** Writes {@code model} to {@code file}. */
    void save(M model, Path file) throws IOException;

    /** Reads a model from {@code file}. */
    M load(Path file) throws IOException;

    /** Core's store, found once with {@link ServiceLoader}. */
    @SuppressWarnings("unchecked")
    static <M> ModelStore<M> get() {
        return (ModelStore<M>) Holder.STORE;
    }

    /** Loads the store on first use. */
    final class Holder {
        static final ModelStore<?> STORE = ServiceLoader.load(ModelStore.class, ModelStore.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("vectornn core is incomplete: no " + ModelStore.class.getName()
                        + " provider (META-INF/services or module-info)"));

        private Holder() {
        }
    }
}
