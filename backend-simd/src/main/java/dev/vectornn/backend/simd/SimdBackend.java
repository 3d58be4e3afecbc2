package dev.vectornn.backend.simd;

import dev.vectornn.spi.Availability;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;

/**
 * The Vector API backend's provider. It is instantiated by {@code ServiceLoader} on every JVM
 * that has the jar, so it must not touch a {@code jdk.incubator.vector} class until
 * {@link #availability()} has checked that the module is there: the checks live in
 * {@link JvmChecks}, the vector constants in {@link Lanes}, and the kernels in a lazy holder
 * loaded only through {@link #kernels()}.
 *
 * <p>Priority 100, above the scalar reference backend's 0: adding this jar (and the flag
 * {@code --add-modules jdk.incubator.vector}) is all it takes to use it.
 */
public final class SimdBackend implements Backend {

    /** Creates the provider; cheap, as {@code ServiceLoader} requires. */
    public SimdBackend() {
    }

    /** The checks run once per JVM; holder idiom so concurrent callers neither race nor deadlock. */
    private static final class Checked {
        static final SimdSettings SETTINGS;
        static final Availability AVAILABILITY;

        static {
            SimdSettings settings = null;
            Availability availability;
            try {
                settings = SimdSettings.fromSystemProperties();
                availability = JvmChecks.check(settings);
            } catch (IllegalArgumentException e) {
                availability = Availability.unavailable(e.getMessage(), "fix or remove that system property");
            }
            SETTINGS = settings;
            AVAILABILITY = availability;
        }
    }

    /** The kernels, created on first use only (after the checks passed). */
    private static final class Loaded {
        static final SimdKernels KERNELS = new SimdKernels(Checked.SETTINGS);
    }

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
        return Checked.AVAILABILITY;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this backend cannot run here, saying why and how to fix it
     */
    @Override
    public Kernels kernels() {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException("The SIMD backend cannot run here: " + a.reason() + ". To fix: " + a.remedy());
        }
        return Loaded.KERNELS;
    }

    @Override
    public String describe() {
        Availability a = availability();
        if (!a.available()) {
            return "simd: unavailable: " + a.reason();
        }
        return Loaded.KERNELS.describe();
    }
}
