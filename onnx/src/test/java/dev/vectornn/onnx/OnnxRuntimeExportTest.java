package dev.vectornn.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.BatchNormalization;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.layers.Embedding;
import dev.vectornn.layers.GaussianNoise;
import dev.vectornn.layers.LayerNormalization;
import dev.vectornn.layers.Normalization;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exported model runs in ONNX Runtime (Java API, CPU) and gives what vectornn's predict
 * gives: within 2e-5 + 2e-5·|y| (two float32 implementations, different summation orders and
 * exp/tanh approximations). Every activation (with each kind of setting), dense with and without
 * bias, activation, dropout, normalization, noise and embedding layers, on both backends. Budget:
 * under 5 s.
 */
class OnnxRuntimeExportTest {

    static final double ABS = 2e-5;
    static final double REL = 2e-5;

    @TempDir
    Path dir;

    static Stream<Arguments> activationsOnBackends() {
        return TestModels.ACTIVATIONS.stream()
                .flatMap(a -> TestModels.BACKENDS.stream().map(b -> Arguments.of(a, b)));
    }

    static Stream<String> backends() {
        return TestModels.BACKENDS.stream();
    }

    /** Runs {@code model} in ONNX Runtime on each input, in one session. */
    static List<float[][]> runInOnnxRuntime(Path model, float[][]... inputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<float[][]> outputs = new ArrayList<>();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            assertEquals(Onnx.OUTPUT_NAME, session.getOutputNames().iterator().next());
            for (float[][] x : inputs) {
                try (OnnxTensor input = OnnxTensor.createTensor(env, x);
                     OrtSession.Result result = session.run(Map.of(Onnx.INPUT_NAME, input))) {
                    outputs.add((float[][]) result.get(0).getValue());
                }
            }
        }
        return outputs;
    }

    static float[][] runInOnnxRuntime(Path model, float[][] x) throws OrtException {
        return runInOnnxRuntime(model, new float[][][] {x}).get(0);
    }

    /** Exports {@code model} and checks ONNX Runtime against predict on each input. */
    private void agreesWithOnnxRuntime(Sequential model, String what, float[][]... inputs) throws Exception {
        Path file = dir.resolve(what.replaceAll("[^A-Za-z0-9_.=-]+", "_") + ".onnx");
        Onnx.export(model, file);
        List<float[][]> ort = runInOnnxRuntime(file, inputs);
        for (int i = 0; i < inputs.length; i++) {
            TestModels.assertClose(model.predict(inputs[i]), ort.get(i), ABS, REL, what + ", batch " + inputs[i].length);
        }
    }

    /** Inputs from −6 to 6 in steps of 1/8, and the points where the activations change form. */
    static float[][] grid() {
        float[] special = {-3, 3, 0, -0f, 0.3f, 0.4f, -0.5f, 1, 1.2f, 1.5f, 2, 1e-4f, -1e-4f, 20, -20};
        float[] all = new float[97 + special.length];
        for (int i = 0; i <= 96; i++) {
            all[i] = -6 + i / 8f;
        }
        System.arraycopy(special, 0, all, 97, special.length);
        float[][] x = new float[all.length / 8][8];
        for (int i = 0; i < x.length * 8; i++) {
            x[i / 8][i % 8] = all[i];
        }
        return x;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("activationsOnBackends")
    void everyActivationRunsInOnnxRuntimeAsInVectornn(Activation a, String backend) throws Exception {
        // e^(e^(e^z)) would turn float rounding into relative errors the size of its argument (e^55 ≈ 1e24
        // differs by 5e-5): exponential goes through one dense layer here, and alone below.
        Sequential model = a == Activation.EXPONENTIAL
                ? new Sequential(new Dense(9).inputDim(7), new Dense(5, a).useBias(false), new Dropout(0.25), new Dense(4))
                : new Sequential(new Dense(9, a).inputDim(7), new Dense(5, a).useBias(false),
                        new Dropout(0.25), new ActivationLayer(a), new Dense(4, a));
        model.backend(TestModels.backend(backend)).seed(TestModels.ACTIVATIONS.indexOf(a) + 11);
        model.compile("mse", "sgd");
        // Batch sizes 1, 3 and 130: the batch dimension is dynamic.
        agreesWithOnnxRuntime(model, TestModels.label(a) + " on " + backend,
                TestModels.gaussian(1, 7, 1), TestModels.gaussian(3, 7, 3), TestModels.gaussian(130, 7, 130));
        // The activation alone, on the points where its pieces meet (hard_sigmoid's ±3, relu's thresholds, ...).
        Sequential alone = new Sequential().input(8).add(new ActivationLayer(a)).backend(TestModels.backend(backend));
        alone.compile("mse", "sgd");
        agreesWithOnnxRuntime(alone, TestModels.label(a) + " alone on " + backend, grid());
    }

    /** The normalization layers, with every parameter moved off its initial value, and GaussianNoise (the identity). */
    static Sequential normalizations(String backend, boolean noise) {
        float[][] data = TestModels.gaussian(50, 6, 5);
        for (float[] row : data) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 3 * row[j] + j - 2;
            }
        }
        Sequential m = new Sequential().input(6)
                .add(new Normalization().adapt(data))
                .add(new Dense(8))
                .add(new BatchNormalization(0.8, 1e-3, true, true))
                .add(new ActivationLayer(Activation.GELU));
        if (noise) {
            m.add(new GaussianNoise(0.3));
        }
        m.add(new LayerNormalization())
                .add(new Dense(5, "silu"))
                .add(new BatchNormalization(0.99, 1e-2, false, false))
                .add(new LayerNormalization(1e-3, false, false))
                .add(new Dense(4, "tanh"))
                .add(new LayerNormalization(1e-2, true, false))
                .add(new LayerNormalization(1e-3, false, true))
                .add(new Dense(3))
                .add(new Normalization(new float[] {1, -2, 0.5f}, new float[] {4, 0.25f, 9}).invert(true));
        m.backend(TestModels.backend(backend)).seed(3);
        m.compile("mse", "adam");
        TestModels.perturb(m);
        return m;
    }

    /** Three embeddings of categorical columns: the last, a middle and the first column of the row. */
    static Sequential embeddings(String backend) {
        Sequential m = new Sequential(new Embedding(4, 2).column(4).inputDim(5), new Embedding(5, 3).column(2),
                new Embedding(3, 2).column(0), new Dense(3, "tanh"));
        m.backend(TestModels.backend(backend)).seed(4);
        m.compile("mse", "adam");
        TestModels.perturb(m);
        return m;
    }

    static float[][] categorical(int rows, long seed) {
        return TestModels.withCategories(rows, 5, seed, new int[] {0, 3}, new int[] {2, 5}, new int[] {4, 4});
    }

    @ParameterizedTest
    @MethodSource("backends")
    void normalizationLayersRunInOnnxRuntimeAsInVectornn(String backend) throws Exception {
        agreesWithOnnxRuntime(normalizations(backend, true), "normalizations on " + backend,
                TestModels.gaussian(1, 6, 1), TestModels.gaussian(3, 6, 3), TestModels.gaussian(130, 6, 130));
        // A feature of variance 0 is divided by Keras' ε, 1e-7, in both.
        Sequential constant = new Sequential().input(3)
                .add(new Normalization(new float[] {1, -2, 0.5f}, new float[] {4, 0, 0.01f}))
                .backend(TestModels.backend(backend));
        constant.compile("mse", "sgd");
        agreesWithOnnxRuntime(constant, "normalization of a constant feature on " + backend, TestModels.gaussian(5, 3, 8));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void embeddingsRunInOnnxRuntimeAsInVectornn(String backend) throws Exception {
        agreesWithOnnxRuntime(embeddings(backend), "embeddings on " + backend, categorical(1, 1), categorical(3, 3),
                categorical(130, 130));
        Sequential only = new Sequential(new Embedding(3, 2).inputDim(1), new Dense(2));
        only.backend(TestModels.backend(backend)).seed(5).compile("mse", "sgd");
        TestModels.perturb(only);
        agreesWithOnnxRuntime(only, "an embedding of the only column on " + backend,
                TestModels.withCategories(6, 1, 2, new int[] {0, 3}));
    }

    @Test
    void exportStatesOpsetNamesAndADynamicBatchAndNamesTheWeightsAsVectornnDoes() throws Exception {
        Sequential model = new Sequential(new Dense(3, "relu").inputDim(2), new Dense(2, "softmax"));
        model.compile("mse", "sgd");
        Path file = dir.resolve("m.onnx");
        Onnx.export(model, file);
        onnx.Onnx.ModelProto m = onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(Onnx.OPSET, m.getOpsetImport(0).getVersion());
        assertEquals(Onnx.IR_VERSION, m.getIrVersion());
        assertEquals("batch", m.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(2, m.getGraph().getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals("layers.0.dense.kernel", m.getGraph().getInitializer(0).getName());
        assertEquals(Arrays.asList(2L, 3L), m.getGraph().getInitializer(0).getDimsList());
        assertEquals("Gemm,Relu,Gemm,Softmax", String.join(",",
                m.getGraph().getNodeList().stream().map(onnx.Onnx.NodeProto::getOpType).toList()));
    }

    @Test
    void aModelThatCannotBeExportedLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("keep.onnx");
        Files.write(file, new byte[] {1, 2, 3});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Onnx.export(new Sequential(new Dense(2).inputDim(2)), file));
        assertTrue(e.getMessage().contains("compile"), e::getMessage);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of("keep.onnx"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void exportReplacesAnExistingFile() throws Exception {
        Path file = dir.resolve("replace.onnx");
        Files.write(file, new byte[] {1, 2, 3});
        Sequential model = new Sequential(new Dense(2, "tanh").inputDim(3));
        model.compile("mse", "sgd");
        Onnx.export(model, file);
        float[][] x = TestModels.gaussian(4, 3, 9);
        TestModels.assertClose(model.predict(x), runInOnnxRuntime(file, x), ABS, REL, "replaced file");
    }

    /** A layer type ONNX export does not know: it doubles its input. */
    private static final class Doubling extends dev.vectornn.layers.Layer {
        @Override
        public String typeName() {
            return "doubling";
        }

        @Override
        public Map<String, Object> config() {
            return Map.of();
        }

        @Override
        public int outputWidth(int inputWidth) {
            return inputWidth;
        }

        @Override
        public void forward(dev.vectornn.layers.LayerCall call) {
            for (int i = 0; i < call.rows() * call.inputWidth(); i++) {
                call.output()[i] = 2 * call.input()[i];
            }
        }

        @Override
        public void backward(dev.vectornn.layers.LayerCall call) {
            throw new UnsupportedOperationException("not trained here");
        }
    }

    @Test
    void aLayerExportDoesNotKnowIsNamedAndNothingIsWritten() throws IOException {
        Sequential model = new Sequential(new Dense(3).inputDim(2), new Doubling());
        model.compile("mse", "sgd");
        Path file = dir.resolve("custom.onnx");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Onnx.export(model, file));
        assertTrue(e.getMessage().contains("layer 1") && e.getMessage().contains("'doubling'"), e::getMessage);
        assertTrue(Files.notExists(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
