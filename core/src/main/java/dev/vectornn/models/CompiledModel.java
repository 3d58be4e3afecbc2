package dev.vectornn.models;

import dev.vectornn.losses.Loss;
import dev.vectornn.metrics.Metric;
import dev.vectornn.metrics.Metrics;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code compile} fixes, never changed afterwards: the network, the backend's kernels, the
 * loss (and whether its gradient fuses with the output activation), the optimizer and the metrics.
 * The metrics here are prototypes; whoever accumulates values works on {@link Metric#copy()}s.
 */
final class CompiledModel {
    final Network network;
    final Backend backend;
    final Kernels kernels;
    final Loss loss;
    final boolean fusedLoss;
    final Optimizer optimizer;
    /** The metrics given as {@code metrics}, then those given as {@code weighted_metrics}. */
    final List<Metric> metrics;
    /** Where the weighted metrics start in {@link #metrics}: they alone get the sample weights. */
    final int weightedFrom;
    /** The logs key of each metric, Keras 3's names (see {@link #logNames}). */
    final List<String> metricNames;
    final int targetWidth;

    private CompiledModel(Network network, Backend backend, Loss loss, Optimizer optimizer, List<Metric> metrics,
                          int weightedFrom) {
        this.network = network;
        this.backend = backend;
        this.kernels = backend.kernels();
        this.loss = loss;
        this.optimizer = optimizer;
        // An activity penalty on the output needs the gradient w.r.t. the output, which fusion skips.
        this.fusedLoss = loss.fusesWith(network.layer(network.layerCount() - 1).outputActivation())
                && !network.lastLayerRegularizesActivity();
        this.metrics = List.copyOf(metrics);
        this.weightedFrom = weightedFrom;
        this.metricNames = logNames(metrics, weightedFrom);
        this.targetWidth = loss.targetWidth(network.outputWidth());
    }

    /**
     * The logs keys, by Keras 3's rule ({@code CompileMetrics.result} in
     * keras/src/trainers/compile_utils.py): each metric's name; a weighted metric whose name is
     * already taken is logged as {@code weighted_<name>}, and if that is taken too as
     * {@code weighted_<name>_1}, {@code _2} ... (plain metrics are never given twice here).
     */
    private static List<String> logNames(List<Metric> metrics, int weightedFrom) {
        List<String> names = new ArrayList<>();
        java.util.Map<String, Integer> counters = new java.util.HashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            String name = metrics.get(i).name();
            if (counters.containsKey(name) && i >= weightedFrom) {
                name = "weighted_" + name;
                Integer index = counters.get(name);
                if (index != null) {
                    counters.put(name, index + 1);
                    name = name + "_" + index;
                }
            }
            counters.putIfAbsent(name, 1);
            names.add(name);
        }
        return List.copyOf(names);
    }

    /**
     * Resolves the metric names and checks that the loss and every metric can read the same
     * targets, so that a mismatch fails here rather than in the middle of training.
     *
     * @throws IllegalArgumentException for an unknown or repeated metric, or one whose targets
     *                                  differ in shape from the loss's
     */
    static CompiledModel of(Network network, Backend backend, Loss loss, Optimizer optimizer, String... metricNames) {
        return of(network, backend, loss, optimizer, resolve(network, loss, List.of(metricNames), "metrics"));
    }

    /**
     * Metric names ({@code "accuracy"} resolved from the loss, as Keras does) or configured
     * {@link Metric}s, in one list as Keras' {@code compile} takes them.
     *
     * @throws IllegalArgumentException naming {@code what} and the position of an entry that is neither
     */
    static List<Metric> resolve(Network network, Loss loss, List<?> given, String what) {
        if (given == null) {
            throw new IllegalArgumentException(what + " is null; give an empty list for none");
        }
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Object m = given.get(i);
            if (m instanceof String name) {
                metrics.add(Metrics.resolve(name, loss, network.outputWidth()));
            } else if (m instanceof Metric metric) {
                metrics.add(metric);
            } else {
                throw new IllegalArgumentException(what + "[" + i + "] must be a metric name or a Metric, got "
                        + (m == null ? "null" : m.getClass().getName() + " " + m));
            }
        }
        return metrics;
    }

    /**
     * As {@link #of(Network, Backend, Loss, Optimizer, String...)} with configured metrics, which
     * are copied (the caller's instances are never updated).
     */
    static CompiledModel of(Network network, Backend backend, Loss loss, Optimizer optimizer, List<Metric> given) {
        return of(network, backend, loss, optimizer, given, List.of());
    }

    /**
     * As {@link #of(Network, Backend, Loss, Optimizer, List)}, with {@code weighted} metrics too
     * (Keras' {@code weighted_metrics}: they alone get the sample and class weights). A name may
     * appear in both lists, and twice among the weighted ones, as in Keras; never twice among the
     * plain ones.
     */
    static CompiledModel of(Network network, Backend backend, Loss loss, Optimizer optimizer, List<Metric> given,
                            List<Metric> weighted) {
        List<Metric> metrics = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Metric m : given) {
            Metric metric = m.copy();
            if (seen.contains(metric.name())) {
                throw new IllegalArgumentException("Metric '" + metric.name() + "' is given twice");
            }
            TargetChecks.requireCompatible(metric, loss, network.outputWidth());
            metrics.add(metric);
            seen.add(metric.name());
        }
        for (Metric m : weighted) {
            Metric metric = m.copy();
            TargetChecks.requireCompatible(metric, loss, network.outputWidth());
            metrics.add(metric);
        }
        return new CompiledModel(network, backend, loss, optimizer, metrics, given.size());
    }

    /** The same settings on another backend. */
    CompiledModel on(Backend other) {
        return new CompiledModel(network, other, loss, optimizer, metrics, weightedFrom);
    }

    /** The same settings with another optimizer (a changed learning rate). */
    CompiledModel withOptimizer(Optimizer other) {
        return new CompiledModel(network, backend, loss, other, metrics, weightedFrom);
    }

    /** The metrics given as {@code weighted_metrics}. */
    List<Metric> weightedMetrics() {
        return metrics.subList(weightedFrom, metrics.size());
    }

    /** The metrics given as {@code metrics}. */
    List<Metric> plainMetrics() {
        return metrics.subList(0, weightedFrom);
    }

    /** Fresh copies of the metrics, reset. */
    Metric[] freshMetrics() {
        Metric[] copies = new Metric[metrics.size()];
        for (int m = 0; m < copies.length; m++) {
            copies[m] = metrics.get(m).copy();
            copies[m].reset();
        }
        return copies;
    }
}
