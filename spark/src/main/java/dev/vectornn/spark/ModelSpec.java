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
 * input width, and the loss, optimizer and metrics by name. Layers are not {@link Serializable};
 * their {@link Layer#config()} maps of strings, numbers and booleans are, and
 * {@link Layers#create} turns them back into layers on the other side.
 *
 * <p>Weights are not part of the description: they travel with each training step.
 */
final class ModelSpec implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Distinguishes one training run's model from another's in the executors' caches. */
    final String id = UUID.randomUUID().toString();
    final int inputWidth;
    final List<String> layerTypes;
    final List<LinkedHashMap<String, Object>> layerConfigs;
    final String loss;
    final String optimizer;
    final LinkedHashMap<String, Object> optimizerConfig;
    final List<String> metrics;
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
        Optimizer o = model.optimizer();
        this.optimizer = o.name();
        this.optimizerConfig = new LinkedHashMap<>(o.config());
        this.metrics = List.copyOf(model.metricNames());
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
        model.compile(Losses.get(loss), Optimizers.get(optimizer).withConfig(new LinkedHashMap<>(optimizerConfig)),
                metrics.toArray(String[]::new));
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
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("layers", layerTypes);
        d.put("loss", loss);
        d.put("optimizer", optimizer + optimizerConfig);
        d.put("metrics", metrics);
        return d;
    }
}
