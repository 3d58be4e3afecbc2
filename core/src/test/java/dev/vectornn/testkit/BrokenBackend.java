package dev.vectornn.testkit;

import dev.vectornn.spi.Availability;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;

/**
 * A test-only backend: a real backend's kernels with one {@link Breakage}. Not registered with
 * {@code ServiceLoader}; pass it to {@code Sequential#backend(Backend)}.
 */
public final class BrokenBackend implements Backend {

    private final Backend real;
    private final Breakage breakage;
    private final Kernels kernels;

    public BrokenBackend(Backend real, Breakage breakage) {
        this.real = real;
        this.breakage = breakage;
        this.kernels = new BrokenKernels(real.kernels(), breakage);
    }

    @Override
    public String name() {
        return real.name() + "+" + breakage;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Availability availability() {
        return real.availability();
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public String toString() {
        return name();
    }
}
