package dev.vectornn.spi;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A name → provider table for one service, built once from {@link Providers#load}.
 *
 * <p>Names are matched the way Keras users write them: case and underscores do not matter, so
 * {@code "mean_squared_error"}, {@code "MeanSquaredError"} and {@code "MSE"} (an alias) all find
 * the same loss. The first provider registered under a name wins; a later duplicate is reported
 * in {@link #describe()} and otherwise ignored.
 *
 * @param <T> the service type
 */
public final class NamedRegistry<T> {

    private static final System.Logger LOG = System.getLogger("dev.vectornn");

    private final String kind;
    private final Map<String, T> byKey = new LinkedHashMap<>();
    private final List<String> canonicalNames = new ArrayList<>();
    private final List<String> report = new ArrayList<>();

    /**
     * @param kind    what the service is called in messages, e.g. {@code "loss"}
     * @param loaded  the providers found
     * @param name    the canonical name of a provider
     * @param aliases its other names
     */
    public NamedRegistry(String kind, List<Providers.Loaded<T>> loaded,
                         Function<T, String> name, Function<T, List<String>> aliases) {
        this.kind = kind;
        for (Providers.Loaded<T> l : loaded) {
            if (!l.ok()) {
                String msg = "a " + kind + " provider failed to load and is skipped: " + l.failure();
                report.add("  (broken) " + l.failure());
                LOG.log(Level.WARNING, "vectornn: " + msg);
                continue;
            }
            T p = l.provider();
            String canonical;
            List<String> others;
            try {
                canonical = name.apply(p);
                others = aliases.apply(p);
            } catch (RuntimeException | LinkageError e) {
                report.add("  (broken) " + p.getClass().getName() + ": " + e);
                LOG.log(Level.WARNING, "vectornn: " + kind + " provider " + p.getClass().getName()
                        + " failed and is skipped: " + e);
                continue;
            }
            if (byKey.containsKey(key(canonical))) {
                report.add("  " + canonical + " from " + p.getClass().getName() + " (ignored: name already taken)");
                continue;
            }
            canonicalNames.add(canonical);
            byKey.put(key(canonical), p);
            for (String alias : others) {
                byKey.putIfAbsent(key(alias), p);
            }
            report.add("  " + canonical + (others.isEmpty() ? "" : " (aliases: " + String.join(", ", others) + ")")
                    + " from " + p.getClass().getName());
        }
    }

    /** Normalises a name: lower case, no underscores, hyphens or spaces. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    /** The provider registered under {@code name} or one of its aliases. */
    public T get(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A " + kind + " name is required; known " + kind + " names: "
                    + String.join(", ", canonicalNames));
        }
        T p = byKey.get(key(name));
        if (p == null) {
            throw new IllegalArgumentException("Unknown " + kind + " '" + name + "'. Known " + kind + " names: "
                    + (canonicalNames.isEmpty() ? "(none: is the jar that provides them on the class path?)"
                    : String.join(", ", canonicalNames)));
        }
        return p;
    }

    /** True if something is registered under {@code name}. */
    public boolean contains(String name) {
        return name != null && byKey.containsKey(key(name));
    }

    /** The canonical names, in discovery order. */
    public List<String> names() {
        return List.copyOf(canonicalNames);
    }

    /** One line per provider found (and per broken one), for diagnostics. */
    public String describe() {
        return kind + " providers:\n" + (report.isEmpty() ? "  (none)" : String.join("\n", report));
    }
}
