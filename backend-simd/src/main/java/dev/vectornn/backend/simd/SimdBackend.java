package dev.vectornn.backend.simd;

import dev.vectornn.spi.Availability;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;

/**
 * The Vector API backend's provider. It is instantiated by {@code ServiceLoader} on every JVM
 * that has the jar, so it must not touch a {@code jdk.incubator.vector} class until
 * {@link #availability()} has checked that the module is there: the kernels live in other
 * classes, loaded only through {@link #kernels()}.
 */
public final class SimdBackend implements Backend {

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        return Availability.unavailable("the SIMD kernels are not implemented yet", "use the scalar backend");
    }

    @Override
    public Kernels kernels() {
        throw new IllegalStateException("SIMD backend unavailable: " + availability());
    }
}
