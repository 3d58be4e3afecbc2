package dev.vectornn.backend.scalar;

import dev.vectornn.spi.Availability;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;

/** The reference backend: plain Java loops, available on every JVM, priority 0. */
public final class ScalarBackend implements Backend {

    /** The single kernels instance; stateless, so shared by every model. */
    private static final Kernels KERNELS = new ReferenceKernels();

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.ok();
    }

    @Override
    public Kernels kernels() {
        return KERNELS;
    }

    @Override
    public String describe() {
        return "scalar: plain Java loops, one thread";
    }
}
