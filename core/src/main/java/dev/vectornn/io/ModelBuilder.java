package dev.vectornn.io;

import dev.vectornn.io.SafeTensors.Tensor;
import dev.vectornn.layers.Layer;
import dev.vectornn.layers.Layers;
import dev.vectornn.losses.Loss;
import dev.vectornn.losses.Losses;
import dev.vectornn.metrics.Metric;
import dev.vectornn.metrics.Metrics;
import dev.vectornn.models.ModelSnapshot;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.spi.ConfigMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a checked {@link ModelDescription} and the file's tensors into a compiled model.
 *
 * <p>Everything is checked before the model is compiled (which is when memory is allocated): the
 * layers are rebuilt and their widths computed, and every parameter tensor the architecture needs
 * must be in the file with exactly the needed shape, so the model's size is bounded by the file's.
 * Layer types, losses and optimizers are third-party code: any exception they throw on the file's
 * values becomes a {@link ModelFormatException} naming the layer.
 */
final class ModelBuilder {

    private ModelBuilder() {
    }

    /**
     * @param strict whether every configuration must read back exactly as stored (format version 2,
     *               see {@link ConfigRoundTrip}); version 1 let absent keys take their defaults
     */
    static Sequential build(ModelDescription d, Map<String, Tensor> tensors, Path file, boolean strict)
            throws ModelFormatException {
        JsonFields f = new JsonFields(file);
        List<Layer> layers = new ArrayList<>();
        List<float[]> parameterData = new ArrayList<>();
        List<float[]> nonTrainableData = new ArrayList<>(); // after every trainable parameter
        long trainableCount = 0;
        Set<String> unused = new LinkedHashSet<>(tensors.keySet());
        unused.remove(ModelFiles.SLOTS_TENSOR);
        int width = d.inputWidth();
        long parameterCount = 0;
        for (int i = 0; i < d.layers().size(); i++) {
            ModelDescription.LayerEntry e = d.layers().get(i);
            String where = "layer " + i + " (" + e.type() + ")";
            Layer layer = createLayer(f, e, where);
            if (strict) {
                String problem;
                try {
                    problem = !ConfigRoundTrip.sameName(e.type(), layer.typeName())
                            ? "is rebuilt as type '" + layer.typeName() + "'"
                            : ConfigRoundTrip.problem(e.config(), layer.config());
                } catch (RuntimeException ex) {
                    problem = "its config() fails: " + ex;
                }
                if (problem != null) {
                    throw f.error(where + ": the config " + problem);
                }
            }
            List<Layer.ParameterSpec> specs;
            List<Layer.ParameterSpec> nonTrainable;
            int out;
            try {
                int declared = layer.declaredInputWidth();
                if (declared > 0 && declared != width) {
                    throw f.error(where + " declares input width " + declared + " but receives width " + width);
                }
                if (i > 0 && declared > 0) {
                    throw f.error(where + " declares an input width, which only the first layer may");
                }
                out = layer.outputWidth(width);
                specs = layer.parameters(width);
                nonTrainable = layer.nonTrainableParameters(width);
            } catch (RuntimeException ex) {
                throw ModelFormatException.in(file, where + " fails on input width " + width + ": " + ex, ex);
            }
            if (out <= 0 || out > ModelDescription.MAX_WIDTH) {
                throw f.error(where + " has output width " + out + ", expected 1 to " + ModelDescription.MAX_WIDTH);
            }
            for (Layer.ParameterSpec spec : specs) {
                float[] data = tensor(f, tensors, ModelFiles.tensorName(i, e.type(), spec.name()), spec, unused);
                parameterData.add(data);
                parameterCount += data.length;
                trainableCount += data.length;
            }
            for (Layer.ParameterSpec spec : nonTrainable) {
                float[] data = tensor(f, tensors, ModelFiles.tensorName(i, e.type(), spec.name()), spec, unused);
                nonTrainableData.add(data);
                parameterCount += data.length;
            }
            layers.add(layer);
            width = out;
        }
        if (!unused.isEmpty()) {
            throw f.error("the file has " + unused.size() + " tensor(s) the architecture does not use: " + names(unused));
        }

        Loss loss;
        Optimizer optimizer;
        try {
            loss = Losses.get(d.loss());
        } catch (RuntimeException ex) {
            throw ModelFormatException.in(file, "unknown loss: " + ex.getMessage(), ex);
        }
        try {
            loss = loss.withConfig(d.lossConfig());
            checkRebuilt(strict, "the loss '" + d.loss() + "'", d.loss(), loss.name(), d.lossConfig(), loss.config());
        } catch (RuntimeException ex) {
            throw ModelFormatException.in(file, "cannot restore the loss '" + d.loss() + "' with config "
                    + ConfigMap.quote(d.lossConfig()) + ": " + ex.getMessage(), ex);
        }
        try {
            optimizer = Optimizers.get(d.optimizer()).withConfig(d.optimizerConfig());
            checkRebuilt(strict, "the optimizer '" + d.optimizer() + "'", d.optimizer(), optimizer.name(),
                    d.optimizerConfig(), optimizer.config());
        } catch (RuntimeException ex) {
            throw ModelFormatException.in(file, "cannot restore the optimizer '" + d.optimizer() + "' with config "
                    + ConfigMap.quote(d.optimizerConfig()) + ": " + ex.getMessage(), ex);
        }
        float[] slots = slots(f, tensors.get(ModelFiles.SLOTS_TENSOR), optimizer, trainableCount);

        Sequential model = new Sequential();
        model.backend(); // no backend is an environment problem, not a file problem: let it through as it is
        try {
            model.input(d.inputWidth());
            for (Layer l : layers) {
                model.add(l);
            }
            model.seed(d.seed());
            model.compile(loss, optimizer, metrics(d.metrics(), loss, width), metrics(d.weightedMetrics(), loss, width));
        } catch (RuntimeException ex) {
            throw ModelFormatException.in(file, "the model cannot be rebuilt: " + ex.getMessage(), ex);
        }
        if (model.parameterCount() != parameterCount) {
            throw ModelFormatException.in(file, "the rebuilt model has " + model.parameterCount()
                    + " parameters but its layers' tensors hold " + parameterCount);
        }
        float[] params = new float[model.parameterCount()];
        int at = 0;
        parameterData.addAll(nonTrainableData);
        for (float[] p : parameterData) {
            System.arraycopy(p, 0, params, at, p.length);
            at += p.length;
        }
        model.restore(new ModelSnapshot(params, slots, d.step(), d.randomState()[0], d.randomState()[1]));
        return model;
    }

    /** The stored metrics, each resolved as at compile time and given its stored settings. */
    private static List<Metric> metrics(List<ModelDescription.MetricEntry> entries, Loss loss, int outputWidth) {
        List<Metric> metrics = new ArrayList<>();
        for (ModelDescription.MetricEntry e : entries) {
            Metric m = Metrics.resolve(e.name(), loss, outputWidth);
            metrics.add(e.config().isEmpty() ? m : m.withConfig(e.config()));
        }
        return metrics;
    }

    /** The data of the tensor {@code name}, checked against {@code spec}'s shape and for finite values. */
    private static float[] tensor(JsonFields f, Map<String, Tensor> tensors, String name, Layer.ParameterSpec spec,
                                  Set<String> unused) throws ModelFormatException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw f.error("tensor \"" + name + "\" of shape " + Arrays.toString(spec.shape())
                    + " is missing; the file has " + names(tensors.keySet()));
        }
        if (!Arrays.equals(t.shape(), spec.shape())) {
            throw f.error("tensor \"" + name + "\" has shape " + Arrays.toString(t.shape())
                    + " but the architecture needs " + Arrays.toString(spec.shape()));
        }
        checkFinite(f, t);
        unused.remove(name);
        return t.data();
    }

    /** In a strict file, the name and config must be exactly those of what they rebuild. */
    private static void checkRebuilt(boolean strict, String what, String storedName, String name,
                                     Map<String, Object> stored, Map<String, Object> rebuilt) {
        if (!strict) {
            return;
        }
        // An alias or another spelling of the name is the same name (ConfigRoundTrip.sameName).
        String problem = !ConfigRoundTrip.sameName(storedName, name) ? "is stored under '" + storedName
                + "', which is not a name of '" + name + "'" : ConfigRoundTrip.problem(stored, rebuilt);
        if (problem != null) {
            throw new IllegalArgumentException(what + ": the config " + problem);
        }
    }

    /** At most the first 10 names, so a hostile file cannot make the message huge. */
    private static String names(java.util.Collection<String> names) {
        List<String> first = new ArrayList<>();
        for (String n : names) {
            if (first.size() == 10) {
                first.add("… " + (names.size() - 10) + " more");
                break;
            }
            first.add(ConfigMap.quote(n));
        }
        return first.toString();
    }

    private static Layer createLayer(JsonFields f, ModelDescription.LayerEntry e, String where) throws ModelFormatException {
        Layer layer;
        try {
            // An unknown type fails here with a message that lists the registered ones.
            layer = Layers.create(e.type(), e.config());
        } catch (RuntimeException ex) {
            throw ModelFormatException.in(f.file(), where + ": " + ex.getMessage() + " (config "
                    + ConfigMap.quote(e.config()) + ")", ex);
        }
        if (layer == null) {
            throw f.error(where + ": its LayerType returned no layer for config " + ConfigMap.quote(e.config()));
        }
        return layer;
    }

    private static float[] slots(JsonFields f, Tensor t, Optimizer optimizer, long parameterCount) throws ModelFormatException {
        int perParameter = optimizer.slotsPerParameter();
        if (perParameter == 0 || parameterCount == 0) {
            if (t != null) {
                throw f.error("the file has \"" + ModelFiles.SLOTS_TENSOR + "\" but " + optimizer.name()
                        + " with this configuration keeps no state for " + parameterCount + " parameters");
            }
            return new float[0];
        }
        int[] expected = {perParameter, (int) parameterCount};
        if (t == null) {
            throw f.error("tensor \"" + ModelFiles.SLOTS_TENSOR + "\" of shape " + Arrays.toString(expected)
                    + " (the state of " + optimizer.name() + ") is missing");
        }
        if (!Arrays.equals(t.shape(), expected)) {
            throw f.error("tensor \"" + ModelFiles.SLOTS_TENSOR + "\" has shape " + Arrays.toString(t.shape())
                    + " but " + optimizer.name() + " needs " + Arrays.toString(expected));
        }
        checkFinite(f, t);
        return t.data();
    }

    private static void checkFinite(JsonFields f, Tensor t) throws ModelFormatException {
        float[] data = t.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw f.error("tensor \"" + t.name() + "\" value " + i + " is " + data[i] + "; weights must be finite");
            }
        }
    }
}
