package dev.vectornn.bench;

/** JVM options every benchmark fork needs. */
public final class Jvm {

    /**
     * The SIMD backend is built on {@code jdk.incubator.vector}; without this flag it reports
     * itself unavailable and its benchmarks fail. Every {@code @Fork} prepends it.
     */
    public static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    private Jvm() {
    }
}
