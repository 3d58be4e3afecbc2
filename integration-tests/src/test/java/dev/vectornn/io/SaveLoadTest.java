package dev.vectornn.io;

import dev.vectornn.layers.Layer;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adagrad;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.RmsProp;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaveLoadTest {

    @TempDir
    Path dir;

    private final float[][][] data = Fixtures.blobs(90, 11);

    static Stream<Optimizer> optimizers() {
        return Stream.concat(Stream.of(new Adam(0.01), new Sgd(0.05, 0.9, true), new Sgd(0.1), new RmsProp(0.01), new Adagrad(0.05)),
                OptimizerScheduleResumeTest.configured()); // issue 14 item 5: schedules, weight decay, clipping
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void trainingResumesExactlyAfterSaveAndLoad(Optimizer optimizer) throws IOException {
        Sequential straight = Fixtures.model(optimizer, 42);
        straight.fit(data[0], data[1], Fixtures.quiet(20, 16));

        Sequential first = Fixtures.model(optimizer, 42);
        first.fit(data[0], data[1], Fixtures.quiet(10, 16));
        Path file = dir.resolve("half.safetensors");
        first.save(file);
        Sequential resumed = Sequential.load(file);
        resumed.fit(data[0], data[1], Fixtures.quiet(10, 16));

        assertBitwiseEqual(straight.getParameters(), resumed.getParameters());
        assertBitwiseEqual(straight.snapshot().slots(), resumed.snapshot().slots());
        assertEquals(straight.snapshot().step(), resumed.snapshot().step());
        assertEquals(straight.snapshot().shuffleState(), resumed.snapshot().shuffleState());
        assertEquals(straight.snapshot().dropoutState(), resumed.snapshot().dropoutState());
        assertFalse(Arrays.equals(first.getParameters(), resumed.getParameters()), "the second half did train");
    }

    @Test
    void loadedModelPredictsBitwiseTheSameAndKeepsItsSettings() throws IOException {
        Sequential m = Fixtures.model(new Adam(0.003), -5);
        m.fit(data[0], data[1], Fixtures.quiet(3, 8));
        Path file = dir.resolve("m.safetensors");
        m.save(file);
        Sequential loaded = Sequential.load(file);

        float[][] a = m.predict(data[0]);
        float[][] b = loaded.predict(data[0]);
        for (int i = 0; i < a.length; i++) {
            assertBitwiseEqual(a[i], b[i]);
        }
        assertEquals(m.seed(), loaded.seed());
        assertEquals(m.inputWidth(), loaded.inputWidth());
        assertEquals(m.loss().name(), loaded.loss().name());
        assertEquals(m.optimizer().name(), loaded.optimizer().name());
        assertEquals(m.optimizer().config(), loaded.optimizer().config());
        assertEquals(m.metricNames(), loaded.metricNames());
        assertEquals(m.layers().stream().map(Layer::toString).toList(), loaded.layers().stream().map(Layer::toString).toList());
        assertEquals(GainLayer.class, loaded.layers().get(0).getClass(), "the third-party layer came back as itself");
        assertEquals(m.evaluate(data[0], data[1]).asMap(), loaded.evaluate(data[0], data[1]).asMap());
    }

    @Test
    void theFileIsPlainSafetensorsWithKerasNamesAndShapes() throws IOException {
        Sequential m = Fixtures.irisLike(new Sgd(0.05, 0.9, false), 3);
        Path file = dir.resolve("iris.safetensors");
        m.save(file);
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(List.of("layers.0.dense.kernel", "layers.0.dense.bias", "layers.1.dense.kernel",
                "layers.1.dense.bias", "optimizer.slots"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new int[] {4, 16}, c.tensors().get("layers.0.dense.kernel").shape());
        assertArrayEquals(new int[] {16}, c.tensors().get("layers.0.dense.bias").shape());
        assertArrayEquals(new int[] {16, 3}, c.tensors().get("layers.1.dense.kernel").shape());
        assertArrayEquals(new int[] {1, 131}, c.tensors().get("optimizer.slots").shape());
        float[] p = m.getParameters();
        assertBitwiseEqual(Arrays.copyOfRange(p, 0, 64), c.tensors().get("layers.0.dense.kernel").data());
        int out = m.layerParameterOffset(1);
        assertBitwiseEqual(Arrays.copyOfRange(p, out, out + 48), c.tensors().get("layers.1.dense.kernel").data());
        assertEquals(List.of("file_crc32c", "format", "format_version", "model"), List.copyOf(c.metadata().keySet()));
        assertEquals("vectornn", c.metadata().get("format"));
        Map<?, ?> model = (Map<?, ?>) Json.parse(c.metadata().get("model"), file, "model");
        assertEquals(Map.of("name", "mean_squared_error", "config", Map.of()), model.get("loss"));
        assertEquals(Map.of("name", "sgd", "config", Map.of("learning_rate", 0.05, "momentum", 0.9, "nesterov", false)),
                model.get("optimizer"));
        assertEquals(List.of(Map.of("type", "dense", "config", Map.of("units", 16L, "activation", "relu", "input_dim", 4L,
                "kernel_initializer", "glorot_uniform", "use_bias", true)),
                Map.of("type", "dense", "config", Map.of("units", 3L, "activation", "softmax",
                        "kernel_initializer", "glorot_uniform", "use_bias", true))), model.get("layers"));
        assertEquals(3L, model.get("seed"));
    }

    @Test
    void aModelWithoutParametersRoundTrips() throws IOException {
        Sequential m = new Sequential(new dev.vectornn.layers.ActivationLayer("softmax"));
        m.input(3);
        m.compile("categorical_crossentropy", "adam");
        Path file = dir.resolve("softmax.safetensors");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(0, loaded.parameterCount());
        assertBitwiseEqual(m.predict(new float[] {1, 2, 3}), loaded.predict(new float[] {1, 2, 3}));
    }

    @Test
    void savingReplacesAnOlderFileAtomically() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Sequential a = Fixtures.irisLike(new Adam(), 1);
        a.save(file);
        Sequential b = Fixtures.irisLike(new Adam(), 2);
        b.save(file);
        assertBitwiseEqual(b.getParameters(), Sequential.load(file).getParameters());
        assertEquals(List.of(file), filesIn(dir));
    }

    @Test
    void aWriteFailureMidwayKeepsThePreviousFile() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Sequential old = Fixtures.model(new Adam(), 1);
        old.save(file);
        byte[] before = Files.readAllBytes(file);
        Sequential trained = Fixtures.model(new Adam(), 1);
        trained.fit(data[0], data[1], Fixtures.quiet(1, 8));
        for (long limit : new long[] {0, 7, 100, before.length / 2, before.length - 1}) {
            IOException e = assertThrows(IOException.class, () -> ModelFiles.save(trained, file, failingAfter(limit)));
            assertEquals(file + ": writing failed: No space left on device (simulated)", e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file), "after failing at byte " + limit);
            assertEquals(List.of(file), filesIn(dir), "no temporary file is left");
        }
        assertBitwiseEqual(old.getParameters(), Sequential.load(file).getParameters());
    }

    @Test
    void anExceptionInALayerKeepsThePreviousFile() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Fixtures.irisLike(new Adam(), 1).save(file);
        byte[] before = Files.readAllBytes(file);
        Sequential broken = new Sequential(new dev.vectornn.layers.Dense(4).inputDim(4), new Unregistered(true));
        broken.compile("mse", "sgd");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.save(file));
        assertEquals("config() failed", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), filesIn(dir));
    }

    @Test
    void aLayerThatCannotBeFoundByNameIsNotSaved() {
        Path file = dir.resolve("m.safetensors");
        Sequential m = new Sequential(new dev.vectornn.layers.Dense(4).inputDim(4), new Unregistered(false));
        m.compile("mse", "sgd");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.save(file));
        assertTrue(e.getMessage().contains("layer 1 of type 'not_registered' could not be rebuilt"), e.getMessage());
        assertFalse(e.getMessage().contains("Is its LayerType registered"), e.getMessage());
        assertTrue(e.getMessage().contains("Unknown layer 'not_registered'"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aConfiguredPluginLossSavesAndLoadsWithItsSettings() throws IOException {
        Path file = dir.resolve("huber.safetensors");
        Sequential m = new Sequential(new dev.vectornn.layers.Dense(3).inputDim(4));
        m.compile(new HuberLoss(0.05), new Adam(0.02));
        m.fit(data[0], data[1], Fixtures.quiet(1, 16));
        m.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(0.05, ((HuberLoss) loaded.loss()).delta());
        assertEquals(m.optimizer().config(), loaded.optimizer().config());
        assertBitwiseEqual(m.getParameters(), loaded.getParameters());
    }

    @Test
    void aLossThatDoesNotRoundTripItsConfigIsNotSaved() {
        Path file = dir.resolve("forgetful.safetensors");
        Sequential m = new Sequential(new dev.vectornn.layers.Dense(3).inputDim(4));
        m.compile(new HuberLoss(0.05) {
            @Override
            public Map<String, Object> config() {
                return Map.of("delta", 0.05, "extra", 1);
            }
        }, new Adam());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.save(file));
        assertTrue(e.getMessage().contains("cannot be rebuilt from its name and config: Huber config has the unknown key 'extra'"),
                e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aFileAnotherToolRewroteLoadsOnlyWhenAskedTo() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Sequential m = Fixtures.irisLike(new Adam(), 4);
        m.save(file);
        SafeTensors.Contents c = SafeTensors.read(file);
        Path edited = dir.resolve("edited.safetensors");
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(c.metadata());
        meta.remove(FileChecksum.KEY); // as a writer that keeps the metadata but not our checksum slot
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(edited,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            SafeTensors.write(ch, List.copyOf(c.tensors().values()), meta);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(edited));
        assertTrue(e.getMessage().contains("Checksum.IGNORED"), e.getMessage());
        assertBitwiseEqual(m.getParameters(), ModelFiles.load(edited, ModelFiles.Checksum.IGNORED).getParameters());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFormatVersion1FileLoadsOnlyWithChecksumIgnored() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Sequential m = Fixtures.irisLike(new Adam(), 5);
        m.save(file);
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, Object> model = (Map<String, Object>) Json.parse(c.metadata().get("model"), file, "model");
        model.put("loss", "mean_squared_error"); // version 1 stored the loss by name only
        ((Map<String, Object>) ((List<Object>) model.get("layers")).get(1)).put("config", Map.of("units", 3L,
                "activation", "softmax")); // and let keys take their defaults
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("format", "vectornn");
        meta.put("format_version", "1");
        meta.put("data_crc32c", Long.toHexString(SafeTensors.crc32c(List.copyOf(c.tensors().values()))));
        meta.put("model", Json.write(model, "model"));
        Path old = dir.resolve("v1.safetensors");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(old,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            SafeTensors.write(ch, List.copyOf(c.tensors().values()), meta);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(old));
        assertTrue(e.getMessage().contains("format version 1 has no whole-file checksum"), e.getMessage());
        Sequential loaded = ModelFiles.load(old, ModelFiles.Checksum.IGNORED);
        assertBitwiseEqual(m.getParameters(), loaded.getParameters());
        loaded.save(file); // and saving it again writes a checked version-2 file
        assertBitwiseEqual(m.getParameters(), Sequential.load(file).getParameters());
    }

    @Test
    void onlyACompiledModelCanBeSaved() {
        Sequential m = new Sequential(new dev.vectornn.layers.Dense(3).inputDim(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.save(dir.resolve("x")));
        assertTrue(e.getMessage().contains("compile"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.save(null));
        assertThrows(IllegalArgumentException.class, () -> Sequential.load(null));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Sequential.load(dir.resolve("missing")));
    }

    @Test
    void aDivergedStepIsNotAppliedSoTheModelStaysSaveable() throws IOException {
        Sequential wild = new Sequential(new dev.vectornn.layers.Dense(1).inputDim(2));
        wild.compile(dev.vectornn.losses.Losses.get("mse"), new Sgd(1e30));
        float[][] x = {{1e3f, -1e3f}, {2e3f, 5e2f}};
        float[][] y = {{1e3f}, {-1e3f}};
        var e = assertThrows(dev.vectornn.models.NonFiniteLossException.class, () -> wild.fit(x, y, Fixtures.quiet(50, 1)));
        assertTrue(e.epoch() >= 1 && e.batch() >= 1, "names where: " + e.getMessage());
        float[] p = wild.getParameters();
        for (float v : p) {
            assertTrue(Float.isFinite(v), "the model kept its last finite state " + Arrays.toString(p));
        }
        Path file = dir.resolve("wild.safetensors");
        wild.save(file);
        assertBitwiseEqual(p, Sequential.load(file).getParameters());
    }

    // ------------------------------------------------------------------ helpers

    static void assertBitwiseEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError("value " + i + ": expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** A channel that takes {@code limit} bytes, then fails as a full disk does. */
    static UnaryOperator<WritableByteChannel> failingAfter(long limit) {
        return inner -> new WritableByteChannel() {
            long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = (int) Math.min(src.remaining(), limit - written);
                if (n <= 0) {
                    throw new IOException("No space left on device (simulated)");
                }
                ByteBuffer part = src.slice().limit(n);
                int w = inner.write(part);
                src.position(src.position() + w);
                written += w;
                return w;
            }

            @Override
            public boolean isOpen() {
                return inner.isOpen();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    /** A pass-through layer whose type no LayerType registers; optionally its config() throws. */
    private static final class Unregistered extends Layer {
        private final boolean failing;

        Unregistered(boolean failing) {
            this.failing = failing;
        }

        @Override
        public String typeName() {
            return "not_registered";
        }

        @Override
        public Map<String, Object> config() {
            if (failing) {
                throw new IllegalStateException("config() failed");
            }
            return Map.of();
        }

        @Override
        public int outputWidth(int inputWidth) {
            return inputWidth;
        }

        @Override
        public void forward(dev.vectornn.layers.LayerCall c) {
            System.arraycopy(c.input(), 0, c.output(), 0, c.rows() * c.inputWidth());
        }

        @Override
        public void backward(dev.vectornn.layers.LayerCall c) {
            if (c.inputGradient() != null) {
                System.arraycopy(c.outputGradient(), 0, c.inputGradient(), 0, c.rows() * c.inputWidth());
            }
        }
    }
}
