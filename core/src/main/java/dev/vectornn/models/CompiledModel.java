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
    final List<Metric> metrics;
    final List<String> metricNames;
    final int targetWidth;

    private CompiledModel(Network network, Backend backend, Loss loss, Optimizer optimizer, List<Metric> metrics) {
        this.network = network;
        this.backend = backend;
        this.kernels = backend.kernels();
        this.loss = loss;
        this.optimizer = optimizer;
        // An activity penalty on the output needs the gradient w.r.t. the output, which fusion skips.
        this.fusedLoss = loss.fusesWith(network.layer(network.layerCount() - 1).outputActivation())
                && !network.lastLayerRegularizesActivity();
        this.metrics = List.copyOf(metrics);
        List<String> names = new ArrayList<>();
        for (Metric m : metrics) {
            names.add(m.name());
        }
        this.metricNames = List.copyOf(names);
        this.targetWidth = loss.targetWidth(network.outputWidth());
    }

    /**
     * Resolves the metric names and checks that the loss and every metric can read the same
     * targets, so that a mismatch fails here rather than in the middle of training.
     *
     * @throws IllegalArgumentException for an unknown or repeated metric, or one whose targets
     *                                  differ in shape from the loss's
     */
    static CompiledModel of(Network network, Backend backend, Loss loss, Optimizer optimizer, String... metricNames) {
        List<Metric> metrics = new ArrayList<>();
        for (String name : metricNames) {
            metrics.add(Metrics.resolve(name, loss, network.outputWidth()));
        }
        return of(network, backend, loss, optimizer, metrics);
    }

    /**
     * As {@link #of(Network, Backend, Loss, Optimizer, String...)} with configured metrics, which
     * are copied (the caller's instances are never updated).
     */
    static CompiledModel of(Network network, Backend backend, Loss loss, Optimizer optimizer, List<Metric> given) {
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
        return new CompiledModel(network, backend, loss, optimizer, metrics);
    }

    /** The same settings on another backend. */
    CompiledModel on(Backend other) {
        return new CompiledModel(network, other, loss, optimizer, metrics);
    }

    /** The same settings with another optimizer (a changed learning rate). */
    CompiledModel withOptimizer(Optimizer other) {
        return new CompiledModel(network, backend, loss, other, metrics);
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
