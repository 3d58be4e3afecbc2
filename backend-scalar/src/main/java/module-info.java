/** Plain Java kernels: the reference backend, runs on every JVM. */
module dev.vectornn.backend.scalar {
    requires dev.vectornn.core;
    provides dev.vectornn.spi.Backend with dev.vectornn.backend.scalar.ScalarBackend;
}
