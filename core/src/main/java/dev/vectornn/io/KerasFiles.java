package dev.vectornn.io;

import dev.vectornn.io.SafeTensors.Tensor;
import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.layers.Layer;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a safetensors file that holds a Keras model's weights under Keras' own names, with the
 * architecture as Keras' {@code model.to_json()} in the metadata, so that a Dense model trained in
 * Keras (or PyTorch, converted by {@code examples/scripts/to_vectornn_safetensors.py}) loads with
 * {@link Sequential#load}.
 *
 * <h2>The file</h2>
 * {@code __metadata__} holds {@code "format": "keras"} and {@code "keras_model"}: the JSON of a
 * Keras {@code Sequential} ({@code {"class_name": "Sequential", "config": {"layers": [...]}}}) whose
 * layers are {@code InputLayer}, {@code Dense}, {@code Dropout} and {@code Activation}. The input
 * width comes from {@code InputLayer}'s {@code batch_shape} (Keras 3) or {@code batch_input_shape}
 * (Keras 2, also on the first layer). A dense layer named {@code N} (Keras' default names are
 * {@code dense}, {@code dense_1}, ...) has the float32 tensors {@code N/kernel} of shape
 * {@code [in, units]} and, with {@code use_bias}, {@code N/bias} of shape {@code [units]}: the
 * {@code variable.path} names of Keras 3. Every tensor must be used. Keras configuration keys
 * that do not change what the model computes (initializers, regularizers, dtype, trainable) are
 * ignored; an unknown layer class or activation is a {@link ModelFormatException}.
 *
 * <p>The model comes back compiled with {@code categorical_crossentropy} after a softmax,
 * {@code binary_crossentropy} after a sigmoid, else {@code mean_squared_error}, and {@code adam};
 * the metadata keys {@code "loss"} and {@code "optimizer"} (Keras names) choose others.
 */
final class KerasFiles {

    /** The value of {@code __metadata__["format"]} that marks a Keras-layout file. */
    static final String FORMAT = "keras";

    private KerasFiles() {
    }

    /** One layer read from the architecture, with the names of the tensors it takes. */
    private static final class Entry {
        final Layer layer;
        final String kernel;
        final String bias;

        Entry(Layer layer, String kernel, String bias) {
            this.layer = layer;
            this.kernel = kernel;
            this.bias = bias;
        }
    }

    static Sequential build(Map<String, Tensor> tensors, Map<String, String> meta, Path file) throws ModelFormatException {
        JsonFields f = new JsonFields(file);
        String json = meta.get("keras_model");
        if (json == null) {
            throw f.error("__metadata__ has format \"keras\" but no \"keras_model\" (the JSON of model.to_json())");
        }
        String where = "keras_model";
        Map<String, Object> model = f.object(Json.parse(json, file, where), where);
        if (!"Sequential".equals(model.get("class_name"))) {
            throw f.error(where + ".class_name is " + JsonFields.describe(model.get("class_name"))
                    + "; vectornn reads Keras Sequential models");
        }
        List<Object> rawLayers = f.list(f.object(model, "config", where), "layers", where + ".config");
        if (rawLayers.size() > ModelDescription.MAX_LAYERS) {
            throw f.error(where + " has " + rawLayers.size() + " layers; at most " + ModelDescription.MAX_LAYERS);
        }
        int inputWidth = -1;
        List<Entry> entries = new ArrayList<>();
        int denseCount = 0;
        for (int i = 0; i < rawLayers.size(); i++) {
            String lw = where + ".config.layers[" + i + "]";
            Map<String, Object> l = f.object(rawLayers.get(i), lw);
            String type = f.string(l, "class_name", lw);
            Map<String, Object> c = f.object(l, "config", lw);
            if (inputWidth < 0) {
                inputWidth = inputWidth(f, c, lw);
            }
            try {
                switch (type) {
                    case "InputLayer":
                        break;
                    case "Dense": {
                        Object n = c.get("name");
                        String name = n == null ? (denseCount == 0 ? "dense" : "dense_" + denseCount) : f.string(n, lw + ".config.name");
                        denseCount++;
                        boolean useBias = !Boolean.FALSE.equals(c.get("use_bias"));
                        Dense d = new Dense((int) f.integer(f.required(c, "units", lw + ".config"), 1, ModelDescription.MAX_WIDTH,
                                lw + ".config.units"), activation(f, c, lw)).useBias(useBias);
                        entries.add(new Entry(d, name + "/kernel", useBias ? name + "/bias" : null));
                        break;
                    }
                    case "Dropout": {
                        Object rate = f.required(c, "rate", lw + ".config");
                        if (!(rate instanceof Number)) {
                            throw f.error(lw + ".config.rate must be a number, found " + JsonFields.describe(rate));
                        }
                        entries.add(new Entry(new Dropout(((Number) rate).doubleValue()), null, null));
                        break;
                    }
                    case "Activation":
                        entries.add(new Entry(new ActivationLayer(activation(f, c, lw)), null, null));
                        break;
                    default:
                        throw f.error(lw + " is a Keras " + type + "; vectornn reads InputLayer, Dense, Dropout and Activation");
                }
            } catch (IllegalArgumentException e) {
                throw f.error(lw + " (" + type + "): " + e.getMessage());
            }
        }
        if (inputWidth <= 0) {
            throw f.error(where + " gives no input width: expected an InputLayer with batch_shape [null, width] "
                    + "or a first layer with batch_input_shape");
        }
        if (entries.isEmpty()) {
            throw f.error(where + " has no Dense, Dropout or Activation layer");
        }
        return compiled(entries, inputWidth, tensors, meta, f);
    }

    private static int inputWidth(JsonFields f, Map<String, Object> config, String where) throws ModelFormatException {
        for (String key : new String[] {"batch_shape", "batch_input_shape"}) {
            if (config.get(key) != null) {
                List<Object> shape = f.list(config, key, where + ".config");
                if (shape.size() != 2) {
                    throw f.error(where + ".config." + key + " is " + shape + "; vectornn reads [null, width] inputs");
                }
                return (int) f.integer(shape.get(1), 1, ModelDescription.MAX_WIDTH, where + ".config." + key + "[1]");
            }
        }
        return -1;
    }

    private static Activation activation(JsonFields f, Map<String, Object> config, String where) throws ModelFormatException {
        Object a = config.get("activation");
        return Activation.byName(a == null ? null : f.string(a, where + ".config.activation"));
    }

    private static Sequential compiled(List<Entry> entries, int inputWidth, Map<String, Tensor> tensors,
                                       Map<String, String> meta, JsonFields f) throws ModelFormatException {
        Sequential model = new Sequential().input(inputWidth);
        for (Entry e : entries) {
            model.add(e.layer);
        }
        Activation out = entries.get(entries.size() - 1).layer.outputActivation();
        String loss = meta.getOrDefault("loss", out == Activation.SOFTMAX ? "categorical_crossentropy"
                : out == Activation.SIGMOID ? "binary_crossentropy" : "mean_squared_error");
        try {
            model.compile(loss, meta.getOrDefault("optimizer", "adam"));
        } catch (IllegalArgumentException e) {
            throw f.error("cannot compile the Keras model: " + e.getMessage());
        }
        float[] params = new float[model.parameterCount()];
        Set<String> used = new HashSet<>();
        for (int l = 0; l < entries.size(); l++) {
            Entry e = entries.get(l);
            if (e.kernel == null) {
                continue;
            }
            int in = model.layerInputWidth(l);
            int units = model.layers().get(l).outputWidth(in);
            int offset = model.layerParameterOffset(l);
            offset = place(tensors, e.kernel, new int[] {in, units}, params, offset, used, f);
            if (e.bias != null) {
                place(tensors, e.bias, new int[] {units}, params, offset, used, f);
            }
        }
        for (String name : tensors.keySet()) {
            if (!used.contains(name)) {
                throw f.error("tensor \"" + name + "\" belongs to no layer of keras_model (expected names like dense/kernel)");
            }
        }
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) {
                throw f.error("weight " + i + " is " + params[i] + "; weights must be finite");
            }
        }
        model.setParameters(params);
        return model;
    }

    private static int place(Map<String, Tensor> tensors, String name, int[] shape, float[] params, int offset,
                             Set<String> used, JsonFields f) throws ModelFormatException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw f.error("the Keras model needs tensor \"" + name + "\" of shape " + Arrays.toString(shape)
                    + "; the file has " + new java.util.TreeSet<>(tensors.keySet()));
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw f.error("tensor \"" + name + "\" has shape " + Arrays.toString(t.shape()) + ", expected "
                    + Arrays.toString(shape) + " (Keras' layout: a kernel is [in, units])");
        }
        System.arraycopy(t.data(), 0, params, offset, t.data().length);
        used.add(name);
        return offset + t.data().length;
    }
}
