package dev.vectornn.io;

import dev.vectornn.io.SafeTensors.Tensor;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each way a model file can be wrong gives a {@link ModelFormatException} that says how. */
class BadModelFilesTest {

    @TempDir
    Path dir;

    private Path valid;
    private SafeTensors.Contents contents;

    @BeforeEach
    void saveAValidModel() throws IOException {
        valid = dir.resolve("valid.safetensors");
        Fixtures.irisLike(new Adam(0.01), 9).save(valid);
        contents = SafeTensors.read(valid);
    }

    @Test
    void theValidFileLoads() throws IOException {
        assertEquals(3, Sequential.load(valid).outputWidth());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertBad(editModel(m -> layer(m, 0).put("type", "convolution")),
                "layer 0 (convolution): Unknown layer 'convolution'. Known layer names: ", "dense", "test_gain");
        assertBad(editModel(m -> loss(m).put("name", "focal")), "unknown loss: Unknown loss 'focal'. Known loss names:",
                "mean_squared_error");
        assertBad(editModel(m -> optimizer(m).put("name", "lamb")), "Unknown optimizer 'lamb'. Known optimizer names:",
                "adam");
        assertBad(editModel(m -> config(m, 0).put("activation", "mish")), "layer 0 (dense)", "Unknown activation");
        assertBad(editModel(m -> m.put("metrics", List.of("bleu"))), "Unknown metric 'bleu'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void wrongConfigurationValuesAreNamed() {
        assertBad(editModel(m -> config(m, 0).put("units", "16")), "layer 0 (dense)", "Dense config 'units' must be a whole number, got '16' (String)");
        assertBad(editModel(m -> config(m, 0).put("activaton", "relu")), "layer 0 (dense)",
                "Dense config has the unknown key 'activaton'");
        assertBad(editModel(m -> config(m, 0).remove("activation")), "layer 0 (dense): the config missing the required key(s) [activation]");
        assertBad(editModel(m -> config(m, 1).put("units", 3.0)), "layer 1 (dense): the config \"units\" is 3.0 but reads back as 3");
        assertBad(editModel(m -> loss(m).put("config", Map.of("delta", 1.0))), "cannot restore the loss",
                "has the unknown key 'delta'");
        assertBad(editModel(m -> ((Map<String, Object>) optimizer(m).get("config")).remove("beta_1")),
                "the optimizer 'adam': the config missing the required key(s) [beta_1]");
        assertBad(editModel(m -> m.put("step", Long.MAX_VALUE)), "step is 9223372036854775807, expected a whole number in [0, 9007199254740992]");
        assertBad(editModel(m -> config(m, 0).put("activation", 7L)), "layer 0 (dense)");
        assertBad(editModel(m -> config(m, 0).put("units", -16L)), "layer 0 (dense)", "'units' must be in [1, 2147483647], got -16");
        optimizerConfig("learning_rate", -1.0, "learning_rate must be a positive finite number");
        optimizerConfig("warmup", 1.0, "Adam config has the unknown key 'warmup'");
        assertBad(editModel(m -> m.put("step", -1L)), "step is -1, expected a whole number in [0, ");
        assertBad(editModel(m -> m.put("random_state", List.of(1L))), "random_state has 1 values, expected 2");
        assertBad(editModel(m -> m.put("seed", 1.5)), "seed must be a whole number, found the number 1.5");
        assertBad(editModel(m -> m.put("input_width", 1L << 40)), "input_width is 1099511627776, expected a whole number in [1, 16777216]");
        assertBad(editModel(m -> m.remove("loss")), "the model description has no \"loss\"");
        assertBad(editModel(m -> m.put("extra", 1L)), "unexpected key \"extra\"");
        assertBad(editModel(m -> m.put("layers", List.of())), "has 0 layers, expected 1 to 10000");
        assertBad(editModel(m -> m.put("layers", java.util.Collections.nCopies(10_001, Map.of("type", "relu", "config", Map.of())))),
                "has 10001 layers, expected 1 to 10000");
    }

    @Test
    void shapesThatDoNotFitTheArchitectureAreNamed() {
        assertBad(editModel(m -> config(m, 0).put("units", 8L)),
                "tensor \"layers.0.dense.kernel\" has shape [4, 16] but the architecture needs [4, 8]");
        assertBad(editModel(m -> config(m, 0).put("units", 2_000_000_000L)), "layer 0 (dense) has output width 2000000000");
        assertBad(editModel(m -> config(m, 0).put("units", 1_000_000L)),
                "tensor \"layers.0.dense.kernel\" has shape [4, 16] but the architecture needs [4, 1000000]");
        assertBad(editModel(m -> m.put("input_width", 5L)), "declares input width 4 but receives width 5");
        assertBad(editModel(m -> config(m, 1).put("use_bias", false)),
                "the file has 1 tensor(s) the architecture does not use: ['layers.1.dense.bias']");
        assertBad(editModel(m -> optimizer(m).put("name", "sgd")),
                "cannot restore the optimizer 'sgd'", "SGD config has the unknown key");
    }

    @Test
    void missingOrExtraTensorsAreNamed() {
        assertBad(editTensors(t -> t.removeIf(x -> x.name().equals("layers.1.dense.bias"))),
                "tensor \"layers.1.dense.bias\" of shape [3] is missing");
        assertBad(editTensors(t -> t.removeIf(x -> x.name().equals("optimizer.slots"))),
                "tensor \"optimizer.slots\" of shape [2, 131] (the state of adam) is missing");
        assertBad(editTensors(t -> t.add(new Tensor("layers.7.dense.kernel", new int[] {1}, new float[1]))),
                "does not use: ['layers.7.dense.kernel']");
        assertBad(editTensors(t -> t.replaceAll(x -> x.name().equals("optimizer.slots")
                        ? new Tensor(x.name(), new int[] {131, 2}, x.data()) : x)),
                "tensor \"optimizer.slots\" has shape [131, 2] but adam needs [2, 131]");
    }

    @Test
    void corruptedDataFailsTheChecksum() throws IOException {
        byte[] b = Files.readAllBytes(valid);
        b[b.length - 5] ^= 0x10;
        assertBad(write(b), "corrupted: the file's CRC-32C is");
        byte[] h = Files.readAllBytes(valid);
        h[8 + 20] ^= 0x01; // in the checksum's own key ("file_crc32c" becomes "fime_crc32c"): the file is refused, not loaded unchecked
        assertBad(write(h), "the whole-file checksum is missing or damaged");
    }

    @Test
    void withoutAChecksumNonFiniteWeightsAreStillRejected() {
        Path unsealed = rewrite(t -> t.replaceAll(x -> {
            if (!x.name().equals("layers.1.dense.kernel")) {
                return x;
            }
            float[] d = x.data().clone();
            d[5] = Float.NaN;
            return new Tensor(x.name(), x.shape(), d);
        }), meta -> meta.remove(FileChecksum.KEY));
        assertBad(unsealed, "the whole-file checksum is missing or damaged");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFiles.load(unsealed, ModelFiles.Checksum.IGNORED));
        assertTrue(e.getMessage().contains("tensor \"layers.1.dense.kernel\" value 5 is NaN; weights must be finite"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotAVectornnModelSaysSo() {
        assertBad(rewrite(t -> { }, Map::clear), "not a vectornn model: __metadata__.format is null");
        assertBad(rewrite(t -> { }, meta -> meta.put("format_version", "3")), "unsupported format_version the string \"3\"");
        assertBad(rewrite(t -> { }, meta -> meta.remove("model")), "__metadata__ has no \"model\" entry");
        assertBad(rewrite(t -> { }, meta -> meta.put("model", "{\"layers\": [")), "the model description is not valid JSON");
        assertBad(rewrite(t -> { }, meta -> meta.put("model", "[]")), "the model description must be a JSON object, found an array");
    }

    @Test
    void garbageAndTruncationAreNamed() throws IOException {
        byte[] b = Files.readAllBytes(valid);
        assertBad(write(java.util.Arrays.copyOf(b, 100)), "truncated: the header length says");
        assertBad(write(java.util.Arrays.copyOf(b, b.length - 4)), "but the data part of the file is");
        assertBad(write("PK\u0003\u0004 this is a zip file, not a model".getBytes()), "wrong header length");
        byte[] json = b.clone();
        json[8] = '[';
        assertBad(write(json), "a safetensors header is UTF-8 JSON starting with '{'");
        json[8] = '{';
        json[9] = '{';
        assertBad(write(json), "the header is not valid JSON");
    }

    // ------------------------------------------------------------------ helpers

    private void optimizerConfig(String key, Object value, String expected) {
        assertBad(editModel(m -> ((Map<String, Object>) optimizer(m).get("config")).put(key, value)),
                "cannot restore the optimizer 'adam'", expected);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layer(Map<String, Object> model, int i) {
        return (Map<String, Object>) ((List<Object>) model.get("layers")).get(i);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> model, int i) {
        return (Map<String, Object>) layer(model, i).get("config");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loss(Map<String, Object> model) {
        return (Map<String, Object>) model.get("loss");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optimizer(Map<String, Object> model) {
        return (Map<String, Object>) model.get("optimizer");
    }

    /** The valid file with its model description edited, sealed again with a valid checksum. */
    @SuppressWarnings("unchecked")
    private Path editModel(Consumer<Map<String, Object>> edit) {
        return rewrite(t -> { }, meta -> {
            try {
                Map<String, Object> model = (Map<String, Object>) Json.parse(meta.get("model"), valid, "model");
                edit.accept(model);
                meta.put("model", Json.write(model, "model"));
            } catch (ModelFormatException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** The valid file with its tensors edited (and a matching checksum). */
    private Path editTensors(Consumer<List<Tensor>> edit) {
        return rewrite(edit, meta -> { });
    }

    private Path rewrite(Consumer<List<Tensor>> editTensors, Consumer<Map<String, String>> editMeta) {
        List<Tensor> tensors = new ArrayList<>(contents.tensors().values());
        editTensors.accept(tensors);
        Map<String, String> meta = new LinkedHashMap<>(contents.metadata());
        editMeta.accept(meta);
        boolean sealed = meta.remove(FileChecksum.KEY) != null;
        try {
            Path file = Files.createTempFile(dir, "edited", ".safetensors");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                if (sealed) {
                    ModelFiles.writeSealed(ch, tensors, meta); // a valid checksum, so the edit itself is what is tested
                } else {
                    SafeTensors.write(ch, tensors, meta);
                }
            }
            return file;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path write(byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "bad", ".safetensors");
        Files.write(file, content);
        return file;
    }

    private static void assertBad(Path file, String... expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String x : expected) {
            assertTrue(e.getMessage().contains(x), () -> "'" + e.getMessage() + "' should contain '" + x + "'");
        }
    }
}
