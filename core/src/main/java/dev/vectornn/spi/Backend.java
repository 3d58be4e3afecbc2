package dev.vectornn.spi;

/**
 * A source of compute kernels, found at run time with {@link java.util.ServiceLoader}.
 *
 * <p>The provider itself must be cheap to create and must not touch anything that may be missing
 * at run time (for example {@code jdk.incubator.vector} classes) before {@link #availability()}
 * has said yes: {@code ServiceLoader} instantiates every provider on the class path, including
 * those that will not be used. The heavy part, the {@link Kernels}, is created lazily by
 * {@link #kernels()}.
 *
 * <p>Which backend is used is decided by {@code dev.vectornn.backend.Backends}: the system
 * property {@code vectornn.backend}, else the environment variable {@code VECTORNN_BACKEND},
 * else the available backend with the highest {@link #priority()}.
 *
 * <p>To register a backend, list the implementing class in
 * {@code META-INF/services/dev.vectornn.spi.Backend} and, on the module path, declare
 * {@code provides dev.vectornn.spi.Backend with ...} in its {@code module-info.java}.
 */
public interface Backend {

    /** A short lower-case name users select the backend by, e.g. {@code "scalar"}. */
    String name();

    /** Higher wins when no backend is named explicitly. The scalar reference backend uses 0. */
    int priority();

    /** Whether this backend can run in this JVM, and if not, why and how to fix it. */
    Availability availability();

    /**
     * The kernels, created on first call. Only called when {@link #availability()} is available.
     * Must return the same instance on every call.
     */
    Kernels kernels();

    /** One line describing the backend's configuration (vector width, threads ...) for logs. */
    default String describe() {
        return name();
    }
}
