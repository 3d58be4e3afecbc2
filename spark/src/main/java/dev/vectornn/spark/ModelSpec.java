package dev.vectornn.spark;

import dev.vectornn.layers.Layer;
import dev.vectornn.layers.Layers;
import dev.vectornn.losses.Losses;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.Optimizers;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an executor needs to rebuild a compiled model: layer type names and configurations, the
 * input width, the loss and the optimizer by name with their configurations, and the metrics by
 * name. This is what a saved file holds, rebuilt the way {@code Sequential.load} rebuilds it:
 * {@link Layers#create}, {@code Losses.get(name).withConfig(config)} and
 * {@code Optimizers.get(name).withConfig(config)}, so a configured loss such as a Huber loss
 * with {@code delta=0.05} keeps its settings on the executors. Metrics are chosen by name only,
 * the plain ones and Keras' {@code weighted_metrics} apart, and logged under the driver's names. Layers and losses are not {@link Serializable};
 * their config maps of strings, numbers and booleans are.
 *
 * <p>The driver rebuilds the model once before training and refuses a model whose loss or
 * optimizer does not round-trip its config, as {@code save} does, so that an executor never
 * trains with settings other than the driver's.
 *
 * <p>Weights are not part of the description: they travel with each training step.
 */
final class ModelSpec implements Serializable {

    @Serial
    private static final long serialVersionUID = 3L;

    /** Distinguishes one training run's model from another's in the executors' caches. */
    final String id = UUID.randomUUID().toString();
    final int inputWidth;
    final List<String> layerTypes;
    final List<LinkedHashMap<String, Object>> layerConfigs;
    final String loss;
    final LinkedHashMap<String, Object> lossConfig;
    final String optimizer;
    final LinkedHashMap<String, Object> optimizerConfig;
    /** The names of the metrics given as {@code metrics}, then as {@code weightedMetrics}. */
    final List<String> metrics;
    /** Where the weighted metrics start in {@link #metrics}. */
    final int weightedFrom;
    /** The logs key of each metric, the driver's {@code metricNames()}. */
    final List<String> logNames;
    final long seed;

    private ModelSpec(Sequential model) {
        this.inputWidth = model.inputWidth();
        List<String> types = new ArrayList<>();
        List<LinkedHashMap<String, Object>> configs = new ArrayList<>();
        for (Layer layer : model.layers()) {
            types.add(layer.typeName());
            configs.add(new LinkedHashMap<>(layer.config()));
        }
        this.layerTypes = List.copyOf(types);
        this.layerConfigs = configs;
        this.loss = model.loss().name();
        this.lossConfig = new LinkedHashMap<>(model.loss().config());
        Optimizer o = model.optimizer();
        this.optimizer = o.name();
        this.optimizerConfig = new LinkedHashMap<>(o.config());
        List<String> names = new ArrayList<>();
        for (dev.vectornn.metrics.Metric m : model.metrics()) {
            names.add(m.name());
        }
        this.weightedFrom = names.size();
        for (dev.vectornn.metrics.Metric m : model.weightedMetrics()) {
            names.add(m.name());
        }
        this.metrics = List.copyOf(names);
        this.logNames = List.copyOf(model.metricNames());
        this.seed = model.seed();
    }

    /**
     * Describes a compiled model.
     *
     * @throws IllegalStateException if the model is not compiled
     */
    static ModelSpec of(Sequential model) {
        if (!model.isCompiled()) {
            throw new IllegalStateException("Compile the model before training it on Spark: call model.compile(loss, optimizer, metrics...)");
        }
        ModelSpec spec = new ModelSpec(model);
        spec.checkRebuilds(model);
        return spec;
    }

    /** Builds and compiles a model of this architecture (its weights are whatever the seed gives). */
    Sequential build() {
        Sequential model = new Sequential();
        for (int i = 0; i < layerTypes.size(); i++) {
            model.add(Layers.create(layerTypes.get(i), new LinkedHashMap<>(layerConfigs.get(i))));
        }
        model.input(inputWidth);
        model.seed(seed);
        model.compile(Losses.get(loss).withConfig(new LinkedHashMap<>(lossConfig)),
                Optimizers.get(optimizer).withConfig(new LinkedHashMap<>(optimizerConfig)),
                metrics.subList(0, weightedFrom), metrics.subList(weightedFrom, metrics.size()));
        return model;
    }

    /** Fails on the driver, with a clear message, if a layer does not round-trip through its config. */
    private void checkRebuilds(Sequential original) {
        Sequential copy;
        try {
            copy = build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("This model cannot be described for the executors: " + e.getMessage()
                    + ". Every layer must be re-creatable with Layers.create(typeName(), config()).", e);
        }
        if (copy.parameterCount() != original.parameterCount()) {
            throw new IllegalArgumentException("Rebuilt from its layers' configs the model has " + copy.parameterCount()
                    + " parameters, the original " + original.parameterCount() + "; a layer's config() is incomplete: "
                    + layerTypes + " " + layerConfigs);
        }
        checkSame("loss '" + loss + "'", original.loss().config(), copy.loss().config());
        checkSame("optimizer '" + optimizer + "'", original.optimizer().config(), copy.optimizer().config());
    }

    private static void checkSame(String what, Map<String, Object> original, Map<String, Object> rebuilt) {
        if (!sameConfig(original, rebuilt)) {
            throw new IllegalArgumentException("This model cannot be described for the executors: the " + what
                    + " has config " + original + ", but rebuilt from it with withConfig it has " + rebuilt
                    + "; its withConfig(config()) must give the same config");
        }
    }

    /** Equal maps, where whole numbers compare by value whether Integer or Long (see ConfigMap). */
    private static boolean sameConfig(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            boolean whole = (x instanceof Integer || x instanceof Long) && (y instanceof Integer || y instanceof Long);
            if (whole ? ((Number) x).longValue() != ((Number) y).longValue() : !java.util.Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("layers", layerTypes);
        d.put("loss", loss + lossConfig);
        d.put("optimizer", optimizer + optimizerConfig);
        d.put("metrics", metrics.subList(0, weightedFrom));
        d.put("weighted_metrics", metrics.subList(weightedFrom, metrics.size()));
        return d;
    }
}
