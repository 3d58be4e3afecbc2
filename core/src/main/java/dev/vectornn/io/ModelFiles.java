package dev.vectornn.io;

import dev.vectornn.io.SafeTensors.Tensor;
import dev.vectornn.layers.Layer;
import dev.vectornn.layers.Layers;
import dev.vectornn.losses.Losses;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.Optimizers;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Saves a compiled {@link Sequential} model to one file and loads it back, ready to predict or to
 * resume training exactly where it stopped. {@link Sequential#save} and {@link Sequential#load}
 * call these.
 *
 * <h2>The file</h2>
 * A <a href="https://github.com/huggingface/safetensors">safetensors</a> file, so Python reads the
 * weights with {@code safetensors.numpy.load_file} (or numpy and the 8-byte header length). Every
 * parameter tensor is float32, named {@code layers.<i>.<type>.<name>} in Keras' shapes (a dense
 * kernel is {@code [in, units]}); the optimizer's state, if it has any, is
 * {@code optimizer.slots} of shape {@code [slots per parameter, parameter count]}. The header's
 * {@code __metadata__} holds {@code "format": "vectornn"}, {@code "format_version": "1"},
 * {@code "data_crc32c"} (a checksum of the tensor bytes) and {@code "model"}: a JSON document with the
 * layers (registered type name and {@link Layer#config()}), the input width, the loss, the optimizer
 * (name and {@link Optimizer#config()}), the metric names, the seed, the optimizer's step and the
 * random generators' states.
 *
 * <h2>Failures</h2>
 * Saving writes a temporary file next to the target, forces it to the device and moves it over the
 * target atomically: if anything fails the previous file is untouched and no temporary file stays.
 * Loading checks the whole file before it builds anything; any problem with the file's contents is
 * a {@link ModelFormatException} (an {@link IOException}) whose message names the file and the
 * problem, and no model is returned. A file without {@code data_crc32c} (written by another tool,
 * e.g. after editing the weights in Python) is loaded without the checksum test.
 *
 * <p>Both methods may run in any thread; saving reads the model, so it must not overlap training.
 */
public final class ModelFiles {

    /** The value of {@code __metadata__["format"]}. */
    public static final String FORMAT = "vectornn";
    /** The value of {@code __metadata__["format_version"]} this version writes and reads. */
    public static final String FORMAT_VERSION = "1";

    static final String SLOTS_TENSOR = "optimizer.slots";

    private ModelFiles() {
    }

    // ------------------------------------------------------------------ saving

    /**
     * Saves a compiled model to {@code file}, replacing it atomically if it exists.
     *
     * @throws IllegalStateException if the model is not compiled, a weight or optimizer slot is not
     *                               finite, or a layer, the loss or the optimizer could not be rebuilt
     *                               from its name and configuration (the file would not load);
     *                               nothing is written then
     * @throws IOException           if writing fails; the previous file, if any, is left as it was
     */
    public static void save(Sequential model, Path file) throws IOException {
        save(model, file, UnaryOperator.identity());
    }

    /** {@link #save(Sequential, Path)} with the output channel wrapped, so tests can make writing fail. */
    static void save(Sequential model, Path file, UnaryOperator<WritableByteChannel> wrap) throws IOException {
        if (model == null || file == null) {
            throw new IllegalArgumentException("save needs a model and a file, got " + model + " and " + file);
        }
        if (!model.isCompiled()) {
            throw new IllegalStateException("Call compile(...) before save: only a compiled model has weights to save");
        }
        ModelDescription description = ModelDescription.of(model);
        String json;
        try {
            json = description.toJson();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cannot save the model: " + e.getMessage(), e);
        }
        checkRestorable(readBack(json, file), description);

        List<Tensor> tensors = tensors(model);
        for (Tensor t : tensors) {
            for (int i = 0; i < t.data().length; i++) {
                if (!Float.isFinite(t.data()[i])) {
                    throw new IllegalStateException("Cannot save the model: " + t.name() + " value " + i + " is "
                            + t.data()[i] + " (training diverged?); a file with it could not be loaded");
                }
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("format_version", FORMAT_VERSION);
        metadata.put("data_crc32c", Long.toHexString(SafeTensors.crc32c(tensors)));
        metadata.put("model", json);
        AtomicFiles.write(file, out -> SafeTensors.write(out, tensors, metadata), wrap);
    }

    /** The tensors to store: every layer's parameters in Keras' shapes, then the optimizer's slots. */
    private static List<Tensor> tensors(Sequential model) {
        float[] params = model.getParameters();
        List<Tensor> tensors = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            int offset = model.layerParameterOffset(l);
            for (Layer.ParameterSpec spec : layer.parameters(model.layerInputWidth(l))) {
                tensors.add(new Tensor(tensorName(l, layer.typeName(), spec.name()), spec.shape(),
                        Arrays.copyOfRange(params, offset, offset + spec.size())));
                offset += spec.size();
            }
        }
        float[] slots = model.getOptimizerState().slots();
        if (slots.length > 0) {
            tensors.add(new Tensor(SLOTS_TENSOR, new int[] {slots.length / params.length, params.length}, slots));
        }
        return tensors;
    }

    static String tensorName(int layer, String type, String parameter) {
        return "layers." + layer + "." + type + "." + parameter;
    }

    private static ModelDescription readBack(String json, Path file) {
        try {
            return ModelDescription.fromJson(json, file);
        } catch (ModelFormatException e) {
            throw new IllegalStateException("Cannot save the model: its description does not read back: " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds every layer, the loss and the optimizer from the description as {@link #load} will,
     * so that a model that could not be loaded again is never written.
     */
    private static void checkRestorable(ModelDescription parsed, ModelDescription original) {
        for (int i = 0; i < parsed.layers().size(); i++) {
            ModelDescription.LayerEntry e = parsed.layers().get(i);
            Layer rebuilt;
            try {
                rebuilt = Layers.create(e.type(), e.config());
            } catch (RuntimeException ex) {
                throw new IllegalStateException("Cannot save the model: layer " + i + " of type '" + e.type()
                        + "' could not be rebuilt from its config " + e.config() + " (" + ex.getMessage()
                        + "). Is its LayerType registered under that name?", ex);
            }
            String again = Json.write(rebuilt.config(), "layer " + i);
            String before = Json.write(original.layers().get(i).config(), "layer " + i);
            if (!again.equals(before) || !rebuilt.typeName().equals(e.type())) {
                throw new IllegalStateException("Cannot save the model: layer " + i + " of type '" + e.type()
                        + "' does not round-trip: saved as " + e.type() + before + ", rebuilt as "
                        + rebuilt.typeName() + again);
            }
        }
        try {
            Losses.get(parsed.loss());
            Optimizers.get(parsed.optimizer()).withConfig(parsed.optimizerConfig());
        } catch (RuntimeException ex) {
            throw new IllegalStateException("Cannot save the model: its loss or optimizer cannot be found by name "
                    + "again: " + ex.getMessage(), ex);
        }
    }

    // ------------------------------------------------------------------ loading

    /**
     * Loads a model saved by {@link #save}: compiled, on the default backend, with its weights,
     * optimizer state, seed and random state restored, so {@code fit} continues as if it had never
     * stopped.
     *
     * @throws ModelFormatException if the file is not a vectornn model or is truncated, corrupted
     *                              or inconsistent, or names a layer type, loss or optimizer this
     *                              runtime does not know (the message names the file and the problem)
     * @throws IOException          if the file cannot be read
     */
    public static Sequential load(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("load needs a file, got null");
        }
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, String> meta = contents.metadata();
        JsonFields f = new JsonFields(file);
        if (KerasFiles.FORMAT.equals(meta.get("format"))) { // onnx (#15): Keras-layout weights, see KerasFiles
            return KerasFiles.build(contents.tensors(), meta, file);
        }
        if (!FORMAT.equals(meta.get("format"))) {
            throw f.error("not a vectornn model: __metadata__.format is " + JsonFields.describe(meta.get("format"))
                    + ", expected \"" + FORMAT + "\" (a plain safetensors file holds weights but no architecture)");
        }
        if (!FORMAT_VERSION.equals(meta.get("format_version"))) {
            throw f.error("unsupported format_version " + JsonFields.describe(meta.get("format_version"))
                    + "; this version of vectornn reads version " + FORMAT_VERSION);
        }
        String crc = meta.get("data_crc32c");
        if (crc != null && !crc.equals(Long.toHexString(contents.dataCrc()))) {
            throw f.error("corrupted: the tensor data's CRC-32C is " + Long.toHexString(contents.dataCrc())
                    + " but the header records " + crc);
        }
        String json = meta.get("model");
        if (json == null) {
            throw f.error("__metadata__ has no \"model\" entry: the architecture is missing");
        }
        ModelDescription d = ModelDescription.fromJson(json, file);
        return ModelBuilder.build(d, contents.tensors(), file);
    }
}
