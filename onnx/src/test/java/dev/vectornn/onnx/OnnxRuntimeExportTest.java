package dev.vectornn.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
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
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exported model runs in ONNX Runtime (Java API, CPU) and gives what vectornn's predict
 * gives: within 2e-5 + 2e-5·|y| (two float32 implementations, different summation orders and
 * exp/tanh approximations). Every activation, dense with and without bias, activation and dropout
 * layers, on both backends. Budget: under 3 s.
 */
class OnnxRuntimeExportTest {

    static final double ABS = 2e-5;
    static final double REL = 2e-5;

    @TempDir
    Path dir;

    static Stream<Arguments> activationsOnBackends() {
        return Activation.builtins().stream()
                .flatMap(a -> TestModels.BACKENDS.stream().map(b -> Arguments.of(a, b)));
    }

    static float[][] runInOnnxRuntime(Path model, float[][] x) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, x);
             OrtSession.Result result = session.run(Map.of(Onnx.INPUT_NAME, input))) {
            assertEquals(Onnx.OUTPUT_NAME, session.getOutputNames().iterator().next());
            return (float[][]) result.get(0).getValue();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("activationsOnBackends")
    void everyActivationRunsInOnnxRuntimeAsInVectornn(Activation a, String backend) throws Exception {
        Sequential model = new Sequential(new Dense(9, a).inputDim(7), new Dense(5, a).useBias(false),
                new Dropout(0.25), new ActivationLayer(a), new Dense(4, a));
        model.backend(TestModels.backend(backend)).seed(Activation.builtins().indexOf(a) + 11);
        model.compile("mse", "sgd");
        Path file = dir.resolve(a.name() + ".onnx");
        Onnx.export(model, file);
        // Batch sizes 1, 3 and 130: the batch dimension is dynamic.
        for (int rows : new int[] {1, 3, 130}) {
            float[][] x = TestModels.gaussian(rows, 7, rows);
            TestModels.assertClose(model.predict(x), runInOnnxRuntime(file, x), ABS, REL,
                    a.name() + " on " + backend + ", batch " + rows);
        }
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
