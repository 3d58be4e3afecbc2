package dev.vectornn.backend;

import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;
import dev.vectornn.spi.Providers;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;

/**
 * The backends found at run time, and the one in use.
 *
 * <p>{@link #current()} decides once per JVM (see {@link BackendSelector} for the rules) and
 * logs the choice once at INFO through {@link System.Logger} {@code "dev.vectornn"}; a backend
 * that was skipped is logged once at WARNING with the reason and the fix. The decision happens on
 * first use, not in a static initialiser, so a problem surfaces as a plain exception with a
 * message rather than an {@code ExceptionInInitializerError}.
 *
 * <p>Models take their backend when they are compiled; {@link #named(String)} gives a specific
 * backend, e.g. to compare two in one JVM.
 */
public final class Backends {

    private static final System.Logger LOG = System.getLogger("dev.vectornn");

    private Backends() {
    }

    /** Lazily computed; holder idiom so concurrent first calls do not race or deadlock. */
    private static final class Found {
        static final List<BackendSelector.Candidate> CANDIDATES = BackendSelector.probe(Providers.load(Backend.class));
    }

    private static volatile BackendSelector.Selection selection;

    /**
     * The backend in use in this JVM.
     *
     * @throws IllegalStateException if none can be used; the message says what to add or change
     */
    public static Backend current() {
        return selection().chosen();
    }

    /** The kernels of the backend in use. */
    public static Kernels kernels() {
        return current().kernels();
    }

    /** The full selection: chosen backend, how, every candidate. */
    public static BackendSelector.Selection selection() {
        BackendSelector.Selection s = selection;
        if (s == null) {
            synchronized (Backends.class) {
                s = selection;
                if (s == null) {
                    s = BackendSelector.select(Found.CANDIDATES,
                            System.getProperty(BackendSelector.PROPERTY), System.getenv(BackendSelector.ENVIRONMENT));
                    for (String w : s.warnings()) {
                        LOG.log(Level.WARNING, w);
                    }
                    LOG.log(Level.INFO, "vectornn: using the '" + s.chosen().name() + "' backend ("
                            + s.chosen().describe() + "), chosen by " + s.how());
                    selection = s;
                }
            }
        }
        return s;
    }

    /** Every backend provider found, usable or not. */
    public static List<BackendSelector.Candidate> candidates() {
        return Found.CANDIDATES;
    }

    /** The available backends, highest priority first. */
    public static List<Backend> available() {
        return Found.CANDIDATES.stream()
                .filter(c -> c.backend() != null && c.availability().available())
                .sorted((a, b) -> Integer.compare(b.priority(), a.priority()))
                .map(BackendSelector.Candidate::backend)
                .toList();
    }

    /**
     * The backend called {@code name}, whatever is selected.
     *
     * @throws IllegalArgumentException if none is called so (listing those found) or it cannot run here (saying why)
     */
    public static Backend named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).strip();
        for (BackendSelector.Candidate c : Found.CANDIDATES) {
            if (c.backend() != null && c.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                if (!c.availability().available()) {
                    throw new IllegalArgumentException("Backend '" + c.name() + "' cannot run here: "
                            + c.availability().reason() + ". " + c.availability().remedy());
                }
                return c.backend();
            }
        }
        throw new IllegalArgumentException("Unknown backend '" + name + "'. Backends found: "
                + String.join(", ", Found.CANDIDATES.stream().filter(c -> c.backend() != null)
                .map(BackendSelector.Candidate::name).toList()));
    }

    /** One line per backend provider: name, priority, available or why not. */
    public static String describe() {
        StringBuilder sb = new StringBuilder("backend providers:");
        if (Found.CANDIDATES.isEmpty()) {
            sb.append("\n  (none) ").append(BackendSelector.NO_BACKEND_HELP.lines().findFirst().orElse(""));
        }
        for (BackendSelector.Candidate c : Found.CANDIDATES) {
            sb.append("\n  ").append(c.name()).append("  priority ").append(c.priority() == Integer.MIN_VALUE ? "-" : c.priority())
                    .append("  ").append(c.availability()).append("  from ").append(c.source());
        }
        try {
            BackendSelector.Selection s = selection();
            sb.append("\n  selected: ").append(s.chosen().name()).append(" (").append(s.chosen().describe())
                    .append("), by ").append(s.how());
        } catch (IllegalStateException e) {
            sb.append("\n  selected: none: ").append(e.getMessage());
        }
        return sb.toString();
    }
}
