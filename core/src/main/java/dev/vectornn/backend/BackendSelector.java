package dev.vectornn.backend;

import dev.vectornn.spi.Availability;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Providers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pure decision of which backend to use, kept apart from {@code ServiceLoader}, system
 * properties and the environment so that every rule can be tested with test-only providers.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>a name requested by the system property {@code vectornn.backend}, else by the environment
 *       variable {@code VECTORNN_BACKEND}: that backend, or an error if it is unknown or cannot run
 *       here (saying why);</li>
 *   <li>otherwise the available backend with the highest priority (ties: discovery order);</li>
 *   <li>no available backend: an error that says which jar to add.</li>
 * </ol>
 * Providers that failed to load, or whose {@code name()}, {@code priority()} or
 * {@code availability()} throws, are skipped and reported, never fatal.
 */
public final class BackendSelector {

    /** The system property that names a backend. */
    public static final String PROPERTY = "vectornn.backend";
    /** The environment variable that names a backend when the property is not set. */
    public static final String ENVIRONMENT = "VECTORNN_BACKEND";

    static final String NO_BACKEND_HELP = "No vectornn backend was found on the class path or module path. "
            + "vectornn-core holds the API only; its kernels come from a backend jar. Add one of:\n"
            + "  dev.vectornn:vectornn-backend-scalar  (plain Java, runs on every JVM)\n"
            + "  dev.vectornn:vectornn-backend-simd    (Java Vector API; run with --add-modules jdk.incubator.vector)";

    /** What was found about one provider. */
    public record Candidate(String name, int priority, Availability availability, Backend backend, String source) {
        boolean usable() {
            return backend != null && availability.available();
        }
    }

    /**
     * The outcome: the chosen backend, every candidate seen, and warnings to log.
     *
     * @param chosen     the backend to use
     * @param how        why it was chosen, e.g. {@code "system property vectornn.backend=scalar"}
     * @param candidates every provider found, usable or not
     * @param warnings   one line per skipped provider that the user should hear about
     */
    public record Selection(Backend chosen, String how, List<Candidate> candidates, List<String> warnings) {
    }

    private BackendSelector() {
    }

    /** Probes each loaded provider once, turning every failure into an unavailable candidate. */
    public static List<Candidate> probe(List<Providers.Loaded<Backend>> loaded) {
        List<Candidate> result = new ArrayList<>();
        for (Providers.Loaded<Backend> l : loaded) {
            if (!l.ok()) {
                ProviderFailure f = ProviderFailure.of(l.failure());
                result.add(new Candidate("(broken provider)", Integer.MIN_VALUE, f.availability, null, f.source));
                continue;
            }
            Backend b = l.provider();
            String source = b.getClass().getName();
            try {
                String name = b.name();
                int priority = b.priority();
                Availability availability = b.availability();
                result.add(new Candidate(name, priority, availability, b, source));
            } catch (RuntimeException | LinkageError e) {
                result.add(new Candidate(source, Integer.MIN_VALUE,
                        Availability.unavailable("threw while being probed: " + e, "check the jar that provides it"),
                        null, source));
            }
        }
        return List.copyOf(result);
    }

    /**
     * Chooses among {@code candidates}.
     *
     * @param property the value of {@link #PROPERTY}, or null
     * @param env      the value of {@link #ENVIRONMENT}, or null
     * @throws IllegalStateException if nothing can be chosen; the message says why and what to do
     */
    public static Selection select(List<Candidate> candidates, String property, String env) {
        List<String> warnings = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.backend() == null) {
                warnings.add("vectornn: skipped backend provider " + c.source() + ": " + c.availability().reason());
            }
        }
        String requested = null;
        String how = null;
        if (property != null && !property.isBlank()) {
            requested = property.strip();
            how = "system property " + PROPERTY + "=" + requested;
        } else if (env != null && !env.isBlank()) {
            requested = env.strip();
            how = "environment variable " + ENVIRONMENT + "=" + requested;
        }
        if (requested != null) {
            String wanted = requested.toLowerCase(Locale.ROOT);
            Optional<Candidate> match = candidates.stream()
                    .filter(c -> c.backend() != null && c.name().toLowerCase(Locale.ROOT).equals(wanted))
                    .findFirst();
            if (match.isEmpty()) {
                throw new IllegalStateException("The backend '" + requested + "' requested by " + how
                        + " was not found. Backends found: " + namesOf(candidates)
                        + (candidates.isEmpty() ? ". " + NO_BACKEND_HELP : ""));
            }
            Candidate c = match.get();
            if (!c.availability().available()) {
                throw new IllegalStateException("The backend '" + c.name() + "' requested by " + how
                        + " cannot run here: " + c.availability().reason()
                        + (c.availability().remedy().isEmpty() ? "" : ". To fix: " + c.availability().remedy()));
            }
            return new Selection(c.backend(), how, candidates, List.copyOf(warnings));
        }
        Optional<Candidate> best = candidates.stream()
                .filter(Candidate::usable)
                .max(Comparator.comparingInt(Candidate::priority)); // max keeps the first of equals
        if (best.isEmpty()) {
            if (candidates.stream().noneMatch(c -> c.backend() != null)) {
                throw new IllegalStateException(NO_BACKEND_HELP
                        + (warnings.isEmpty() ? "" : "\n" + String.join("\n", warnings)));
            }
            StringBuilder sb = new StringBuilder("No vectornn backend can run in this JVM:");
            for (Candidate c : candidates) {
                sb.append("\n  ").append(c.name()).append(": ").append(c.availability());
            }
            sb.append("\nAdd dev.vectornn:vectornn-backend-scalar, which runs everywhere.");
            throw new IllegalStateException(sb.toString());
        }
        Candidate chosen = best.get();
        for (Candidate c : candidates) {
            if (c.backend() != null && !c.availability().available() && c.priority() > chosen.priority()) {
                warnings.add("vectornn: the '" + c.name() + "' backend is on the class path but cannot run here: "
                        + c.availability().reason()
                        + (c.availability().remedy().isEmpty() ? "" : ". To enable it: " + c.availability().remedy())
                        + ". Using '" + chosen.name() + "' instead.");
            }
        }
        return new Selection(chosen.backend(), "highest priority available (" + chosen.priority() + ")",
                candidates, List.copyOf(warnings));
    }

    private static String namesOf(List<Candidate> candidates) {
        List<String> names = candidates.stream().filter(c -> c.backend() != null).map(Candidate::name).toList();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
