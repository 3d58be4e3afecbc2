/**
 * Java Vector API kernels. {@code requires jdk.incubator.vector} makes the module path resolve the
 * incubator module by itself; on the class path users add {@code --add-modules jdk.incubator.vector}.
 * {@code jdk.management} gives the HotSpot diagnostic bean the availability checks read. The
 * kernels extend the scalar module's reference kernels, so that module (and its backend, the
 * fallback where the vector module is missing) always comes along.
 */
module dev.vectornn.backend.simd {
    requires dev.vectornn.core;
    requires dev.vectornn.backend.scalar;
    requires jdk.incubator.vector;
    requires jdk.management;
    provides dev.vectornn.spi.Backend with dev.vectornn.backend.simd.SimdBackend;
}
