/**
 * Java Vector API kernels. {@code requires jdk.incubator.vector} makes the module path resolve the
 * incubator module by itself; on the class path users add {@code --add-modules jdk.incubator.vector}.
 */
module dev.vectornn.backend.simd {
    requires dev.vectornn.core;
    requires jdk.incubator.vector;
    provides dev.vectornn.spi.Backend with dev.vectornn.backend.simd.SimdBackend;
}
