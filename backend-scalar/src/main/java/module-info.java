/**
 * Plain Java kernels: the reference backend, runs on every JVM. Its package is exported so that
 * other backends can extend {@link dev.vectornn.backend.scalar.ReferenceKernels} and inherit
 * every kernel they do not accelerate.
 */
module dev.vectornn.backend.scalar {
    requires transitive dev.vectornn.core;
    exports dev.vectornn.backend.scalar;
    provides dev.vectornn.spi.Backend with dev.vectornn.backend.scalar.ScalarBackend;
}
