package dev.vectornn.bench;

import dev.vectornn.backend.BackendSelector;
import dev.vectornn.backend.Backends;
import dev.vectornn.losses.Loss;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.layers.LayerType;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Checks that the fat benchmarks jar still sees every service provider of core and of both
 * backends. Shading concatenates jars; unless {@code META-INF/services} files are merged, the
 * last jar's file wins and a backend silently vanishes (the benchmarks would then fail only for
 * that backend, or worse, measure another one). The build runs this at {@code verify}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.vectornn.bench.ShadedJarCheck scalar simd}; exits
 * with status 1, naming what is missing, if a named backend provider or a core service is absent.
 * A provider that is present but unavailable (e.g. SIMD without the incubator module) passes:
 * this checks packaging, not the machine.
 */
public final class ShadedJarCheck {

    private ShadedJarCheck() {
    }

    /**
     * @param args the backend names that must be found
     */
    public static void main(String[] args) {
        List<String> found = Backends.candidates().stream().map(BackendSelector.Candidate::name).toList();
        StringBuilder missing = new StringBuilder();
        for (String name : args) {
            if (!found.contains(name)) {
                missing.append("\n  backend provider '").append(name).append("' (found: ").append(found).append(')');
            }
        }
        requireAny(LayerType.class, missing);
        requireAny(Loss.class, missing);
        requireAny(Optimizer.class, missing);
        System.out.println(Backends.describe());
        if (!missing.isEmpty()) {
            System.err.println("The benchmarks jar lacks service providers (are META-INF/services files merged"
                    + " by the shade plugin's ServicesResourceTransformer?):" + missing);
            System.exit(1);
        }
        System.out.println("benchmarks jar: every expected service provider found");
    }

    private static void requireAny(Class<?> service, StringBuilder missing) {
        if (ServiceLoader.load(service).stream().findAny().isEmpty()) {
            missing.append("\n  any provider of ").append(service.getName());
        }
    }
}
