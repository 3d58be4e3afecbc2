package dev.vectornn.metrics;

import dev.vectornn.losses.Loss;
import dev.vectornn.spi.NamedRegistry;
import dev.vectornn.spi.Providers;

import java.util.List;
import java.util.Map;

/**
 * The registry of {@link Metric}s found with {@code ServiceLoader}, matched by name as losses are
 * (case and underscores do not matter; aliases such as {@code "mae"} work), and the resolution
 * of plain {@code "accuracy"} the way Keras does it.
 */
public final class Metrics {

    private Metrics() {
    }

    private static final class Holder {
        static final NamedRegistry<Metric> REGISTRY =
                new NamedRegistry<>("metric", Providers.load(Metric.class), Metric::name, Metric::aliases);
    }

    /**
     * A fresh instance, with Keras' defaults, of the metric called {@code name}
     * ({@code "precision"}, {@code "AUC"}, {@code "mae"} ...). Plain {@code "accuracy"} needs the
     * loss to be resolved: use {@link #resolve}.
     *
     * @throws IllegalArgumentException listing the known names if none is called so
     */
    public static Metric get(String name) {
        Metric m = Holder.REGISTRY.get(name).copy();
        m.reset();
        return m;
    }

    /** {@link #get} with the settings in {@code config} (see {@link Metric#withConfig}). */
    public static Metric get(String name, Map<String, Object> config) {
        return Holder.REGISTRY.get(name).withConfig(config);
    }

    /** The registered names, in discovery order ({@code "accuracy"} itself is resolved, not registered). */
    public static List<String> names() {
        return Holder.REGISTRY.names();
    }

    /** One line per metric provider found, for {@link dev.vectornn.VectorNN#describe()}. */
    public static String describe() {
        return Holder.REGISTRY.describe() + "\n  accuracy (alias: acc): resolved from the loss and the output width";
    }

    /**
     * The metric called {@code name} for a model with this loss and output width.
     * {@code "accuracy"} (or {@code "acc"}) becomes the form the loss declares
     * ({@link Loss#accuracyKind()}); for a loss that declares none, sparse accuracy when the
     * targets are one label per sample, binary accuracy for a single output, else categorical
     * accuracy. The chosen form is told by {@link Metric#description()}. Any other name is looked
     * up in the registry ({@link #get}).
     *
     * @throws IllegalArgumentException listing the known names for an unknown one
     */
    public static Metric resolve(String name, Loss loss, int outputWidth) {
        String key = name == null ? "" : NamedRegistry.key(name.strip());
        if (key.equals("accuracy") || key.equals("acc")) {
            return new Accuracy(accuracyFor(loss, outputWidth), "accuracy");
        }
        return get(name);
    }

    /** The accuracy the loss declares, or for one that declares none the form the shapes imply. */
    private static Accuracy.Kind accuracyFor(Loss loss, int outputWidth) {
        switch (loss.accuracyKind()) {
            case CATEGORICAL:
                return Accuracy.Kind.CATEGORICAL;
            case SPARSE:
                return Accuracy.Kind.SPARSE;
            case BINARY:
                return Accuracy.Kind.BINARY;
            default:
                if (loss.targetWidth(outputWidth) == 1 && outputWidth > 1) {
                    return Accuracy.Kind.SPARSE;
                }
                return outputWidth == 1 ? Accuracy.Kind.BINARY : Accuracy.Kind.CATEGORICAL;
        }
    }
}
