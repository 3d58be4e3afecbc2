package org.example.gemmonly;

import dev.vectornn.spi.Availability;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;

/**
 * The provider of {@link GemmOnlyKernels}, registered in {@code META-INF/services}. Priority -1,
 * so it is used only when asked for by name ({@code -Dvectornn.backend=gemm-only}).
 */
public final class GemmOnlyBackend implements Backend {

    private static final GemmOnlyKernels KERNELS = new GemmOnlyKernels();

    @Override
    public String name() {
        return "gemm-only";
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public Availability availability() {
        return Availability.ok();
    }

    @Override
    public Kernels kernels() {
        return KERNELS;
    }
}
