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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/**
 * Saves a compiled {@link Sequential} model to one file and loads it back, ready to predict or to
 * resume training exactly where it stopped. {@link Sequential#save} and {@link Sequential#load}
 * call these.
 *
 * <h2>The file</h2>
 * A <a href="https://github.com/huggingface/safetensors">safetensors</a> file, so Python reads the
 * weights with {@code safetensors.numpy.load_file} (or numpy and the 8-byte header length). Every
 * parameter tensor is float32, named {@code layers.<i>.<type>.<name>} in Keras' shapes (a dense
 * kernel is {@code [in, units]}), non-trainable ones too (a batch normalization's
 * {@code moving_mean}); the optimizer's state, if it has any, is
 * {@code optimizer.slots} of shape {@code [slots per parameter, trainable parameter count]}. The header starts
 * with {@code __metadata__}, which holds exactly {@code "file_crc32c"} (first; see below),
 * {@code "format": "vectornn"}, {@code "format_version": "2"} and {@code "model"}: a JSON document
 * with the layers (registered type name and {@link Layer#config()}), the input width, the loss
 * (name and {@link dev.vectornn.losses.Loss#config()}), the optimizer (name and
 * {@link Optimizer#config()}), the metric names, the seed, the optimizer's step and the random
 * generators' states.
 *
 * <h2>Integrity</h2>
 * {@code file_crc32c} is a CRC-32C of the whole file, header and data, taken with its own eight hex
 * digits read as zeros. A version-2 file must carry it in that place: a file whose checksum is
 * missing, moved or damaged is refused like one whose contents are damaged, so any single flipped
 * bit is detected. Every configuration is checked strictly: an unknown key, a missing key and a
 * value that does not read back as written (see {@link dev.vectornn.spi.ConfigMap}) are errors
 * naming the layer.
 *
 * <p><b>Files from other writers.</b> A model whose weights were edited by another tool (Python's
 * {@code safetensors} rewrites the header, so the checksum no longer matches) and files of format
 * version 1 (which had only a checksum of the data) load with
 * {@link #load(Path, Checksum) load(file, Checksum.IGNORED)}: every other check still applies.
 * Saving such a model again writes a checked version-2 file.
 *
 * <h2>Limits</h2>
 * A header of at most 100 MiB and {@value Json#MAX_TOKENS} JSON tokens, at most
 * {@value SafeTensors#MAX_TENSORS} tensors, {@value ModelDescription#MAX_LAYERS} layers, widths up
 * to {@value ModelDescription#MAX_WIDTH} and a step count up to 2<sup>53</sup>. Loading allocates
 * only after these checks, so its memory is bounded by the file's size (the parsed header and the
 * tensors) plus the model it builds.
 *
 * <p><b>Memory.</b> Loading a file of {@code S} bytes and predicting one row with the model it
 * gives allocate at most {@code 8 × S +} 48 MiB
 * ({@link #LOAD_BYTES_PER_FILE_BYTE}, {@link #LOAD_FIXED_BYTES}) in all, garbage included, so
 * neither needs more at its peak. The multiple is for the weights: each byte of a tensor is read,
 * checked, kept as a tensor, then copied into the model's parameters, which come with their
 * gradients and the optimizer's slots (6.0–6.3 times the file was measured for files of weights).
 * The fixed part is for the header and the per-layer bookkeeping up to the layer limit (about
 * 3 KiB a layer, 31 MB for 10,000 weightless layers). Predicting {@code n} rows adds the result
 * and buffers of {@code min(n, 256) × (2 × widest layer + output width)} floats, at most 64 MiB
 * however wide the model. {@code LoadMemoryTest} (integration-tests) measures this on every
 * backend, for files from 1 KB to 8 MB and for the hostile shapes of issue #13.
 *
 * <h2>Failures</h2>
 * Saving writes a temporary file next to the target, forces it to the device and moves it over the
 * target atomically: if anything fails the previous file is untouched and no temporary file stays.
 * Loading checks the whole file before it builds anything; any problem with the file's contents is
 * a {@link ModelFormatException} (an {@link IOException}) whose message names the file and the
 * problem, and no model is returned.
 *
 * <p>Both methods may run in any thread; saving reads the model, so it must not overlap training.
 */
public final class ModelFiles {

    /** The value of {@code __metadata__["format"]}. */
    public static final String FORMAT = "vectornn";
    /** The value of {@code __metadata__["format_version"]} this version writes. */
    public static final String FORMAT_VERSION = "2";

    /** What {@link #load(Path, Checksum)} requires of the whole-file checksum. */
    public enum Checksum {
        /** The file must be of format version 2 with an intact {@code file_crc32c} (the default). */
        REQUIRED,
        /**
         * The checksum is not checked, for files of format version 1 or edited by another tool;
         * every structural and configuration check still applies.
         */
        IGNORED
    }

    private static final java.util.Set<String> METADATA_KEYS =
            java.util.Set.of(FileChecksum.KEY, "format", "format_version", "model");

    static final String SLOTS_TENSOR = "optimizer.slots";

    // ------------------------------------------------------------------ memory bound (issue #13)

    /**
     * {@code K} of the load-and-predict bound {@code K × fileSize + C} (see the class comment,
     * "Limits"): every byte allocated by {@link #load} and one {@code predict} of a row, garbage
     * included, per byte of the file.
     */
    public static final double LOAD_BYTES_PER_FILE_BYTE = 8;

    /** {@code C} of the load-and-predict bound: the fixed part, for the header's parse and the model's bookkeeping. */
    public static final long LOAD_FIXED_BYTES = 48L << 20;

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
        metadata.put("model", json);
        AtomicFiles.write(file, out -> writeSealed(out, tensors, metadata), wrap);
    }

    /**
     * Writes a safetensors file whose metadata starts with {@code file_crc32c} and fills that slot
     * with the checksum of the whole file ({@link FileChecksum}).
     */
    static void writeSealed(WritableByteChannel out, List<Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FileChecksum.KEY, FileChecksum.PLACEHOLDER);
        m.putAll(metadata);
        byte[] head = SafeTensors.head(tensors, m);
        CRC32C crc = new CRC32C();
        crc.update(head); // the slot holds the placeholder, as the reader reads it
        SafeTensors.updateCrc(crc, tensors);
        FileChecksum.fill(head, crc.getValue());
        ByteBuffer b = ByteBuffer.wrap(head);
        while (b.hasRemaining()) {
            out.write(b);
        }
        SafeTensors.writeData(out, tensors);
    }

    /** The tensors to store: every layer's parameters in Keras' shapes, then the optimizer's slots. */
    private static List<Tensor> tensors(Sequential model) {
        ModelSnapshot state = model.snapshot();
        float[] params = state.parameters();
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
            // Non-trainable values (moving statistics, adapted means) lie after every trainable parameter.
            offset = model.layerNonTrainableOffset(l);
            for (Layer.ParameterSpec spec : layer.nonTrainableParameters(model.layerInputWidth(l))) {
                tensors.add(new Tensor(tensorName(l, layer.typeName(), spec.name()), spec.shape(),
                        Arrays.copyOfRange(params, offset, offset + spec.size())));
                offset += spec.size();
            }
        }
        float[] slots = state.slots();
        int trainable = model.trainableParameterCount();
        if (slots.length > 0) {
            tensors.add(new Tensor(SLOTS_TENSOR, new int[] {slots.length / trainable, trainable}, slots));
        }
        return tensors;
    }

    static String tensorName(int layer, String type, String parameter) {
        return "layers." + layer + "." + type + "." + parameter;
    }

    private static ModelDescription readBack(String json, Path file) {
        try {
            return ModelDescription.fromJson(json, file, 2);
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
            String where = "layer " + i + " of type '" + e.type() + "'";
            Layer rebuilt;
            try {
                rebuilt = Layers.create(e.type(), e.config());
            } catch (RuntimeException ex) {
                throw new IllegalStateException("Cannot save the model: " + where + " could not be rebuilt from the "
                        + "config it reports, " + dev.vectornn.spi.ConfigMap.quote(e.config()) + ": " + ex.getMessage() + ". Its LayerType's "
                        + "create(config) must accept what Layer.config() returns, with whole numbers as Long "
                        + "(see dev.vectornn.spi.ConfigMap)", ex);
            }
            String problem = ConfigRoundTrip.problem(original.layers().get(i).config(), rebuilt.config());
            if (problem != null || !rebuilt.typeName().equals(e.type())) {
                throw new IllegalStateException("Cannot save the model: " + where + " does not round-trip: "
                        + (problem != null ? problem : "it is rebuilt as type '" + rebuilt.typeName() + "'"));
            }
        }
        try {
            Loss loss = Losses.get(parsed.loss()).withConfig(parsed.lossConfig());
            check("loss '" + parsed.loss() + "'", original.lossConfig(), loss.config());
            Optimizer optimizer = Optimizers.get(parsed.optimizer()).withConfig(parsed.optimizerConfig());
            check("optimizer '" + parsed.optimizer() + "'", original.optimizerConfig(), optimizer.config());
        } catch (IllegalStateException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new IllegalStateException("Cannot save the model: its loss or optimizer cannot be rebuilt from "
                    + "its name and config: " + ex.getMessage(), ex);
        }
        checkMetricsRestorable(parsed, original);
    }

    /** Each metric must be found again by its name (a registered one) and rebuild its config. */
    private static void checkMetricsRestorable(ModelDescription parsed, ModelDescription original) {
        Loss loss = Losses.get(parsed.loss()).withConfig(parsed.lossConfig());
        checkMetricsRestorable(loss, parsed.metrics(), original.metrics());
        checkMetricsRestorable(loss, parsed.weightedMetrics(), original.weightedMetrics());
    }

    private static void checkMetricsRestorable(Loss loss, List<ModelDescription.MetricEntry> parsed,
                                               List<ModelDescription.MetricEntry> original) {
        for (int i = 0; i < parsed.size(); i++) {
            ModelDescription.MetricEntry e = parsed.get(i);
            Metric rebuilt;
            try {
                rebuilt = Metrics.resolve(e.name(), loss, 2);
                rebuilt = e.config().isEmpty() ? rebuilt : rebuilt.withConfig(e.config());
            } catch (RuntimeException ex) {
                throw new IllegalStateException("Cannot save the model: its metric '" + e.name() + "' cannot be rebuilt "
                        + "from its name and config (is it registered in META-INF/services/dev.vectornn.metrics.Metric?): "
                        + ex.getMessage(), ex);
            }
            check("metric '" + e.name() + "'", original.get(i).config(), rebuilt.config());
        }
    }

    private static void check(String what, Map<String, Object> original, Map<String, Object> rebuilt) {
        String problem = ConfigRoundTrip.problem(original, rebuilt);
        if (problem != null) {
            throw new IllegalStateException("Cannot save the model: the " + what + " does not round-trip its config: "
                    + problem + " (its withConfig(config()) must give the same config)");
        }
    }

    // ------------------------------------------------------------------ loading

    /**
     * Loads a model saved by {@link #save}: compiled, on the default backend, with its weights,
     * optimizer state, seed and random state restored, so {@code fit} continues as if it had never
     * stopped. The whole-file checksum is {@link Checksum#REQUIRED}.
     *
     * @throws ModelFormatException if the file is not a vectornn model or is truncated, corrupted
     *                              or inconsistent, or names a layer type, loss or optimizer this
     *                              runtime does not know (the message names the file and the problem)
     * @throws IOException          if the file cannot be read
     */
    public static Sequential load(Path file) throws IOException {
        return load(file, Checksum.REQUIRED);
    }

    /**
     * {@link #load(Path)} with the checksum rule given: {@link Checksum#IGNORED} also loads files of
     * format version 1 and files whose header another tool rewrote.
     */
    public static Sequential load(Path file, Checksum checksum) throws IOException {
        if (file == null || checksum == null) {
            throw new IllegalArgumentException("load needs a file and a checksum rule, got " + file + " and " + checksum);
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
        String version = meta.get("format_version");
        if ("2".equals(version)) {
            if (checksum == Checksum.REQUIRED) {
                verify(f, contents);
            }
            f.onlyKeys(new LinkedHashMap<>(meta), METADATA_KEYS, SafeTensors.METADATA_KEY);
        } else if ("1".equals(version)) {
            if (checksum == Checksum.REQUIRED) {
                throw f.error("format version 1 has no whole-file checksum, so damage to its header cannot be detected; "
                        + "load it with ModelFiles.load(file, Checksum.IGNORED) if you trust it, and save it again");
            }
            String crc = meta.get("data_crc32c");
            if (crc != null && !crc.equals(Long.toHexString(contents.dataCrc()))) {
                throw f.error("corrupted: the tensor data's CRC-32C is " + Long.toHexString(contents.dataCrc())
                        + " but the header records " + JsonFields.describe(crc));
            }
        } else {
            throw f.error("unsupported format_version " + JsonFields.describe(version)
                    + "; this version of vectornn reads versions 1 and 2");
        }
        String json = meta.get("model");
        if (json == null) {
            throw f.error("__metadata__ has no \"model\" entry: the architecture is missing");
        }
        int v = Integer.parseInt(version);
        ModelDescription d = ModelDescription.fromJson(json, file, v);
        return ModelBuilder.build(d, contents.tensors(), file, v >= 2);
    }

    private static void verify(JsonFields f, SafeTensors.Contents contents) throws ModelFormatException {
        String recorded = contents.metadata().get(FileChecksum.KEY);
        if (!contents.hasChecksumSlot() || recorded == null) {
            throw f.error("the whole-file checksum is missing or damaged: a format version 2 file starts with "
                    + FileChecksum.PREFIX + " and eight hex digits (to load a file another tool rewrote, use "
                    + "ModelFiles.load(file, Checksum.IGNORED))");
        }
        String actual = FileChecksum.format(contents.fileCrc());
        if (!actual.equals(recorded)) {
            throw f.error("corrupted: the file's CRC-32C is " + actual + " but its header records "
                    + JsonFields.describe(recorded) + " (to load a file another tool rewrote, use "
                    + "ModelFiles.load(file, Checksum.IGNORED))");
        }
    }
}
