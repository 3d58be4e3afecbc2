package dev.vectornn.onnx;

import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The models PyTorch exported ({@code src/test/python/make_fixtures.py}) load and predict what
 * PyTorch predicted, on both backends: within 1e-5 + 1e-5·|y| (float32 sums in another order).
 * Budget: under 2 s.
 */
class TorchFixturesTest {

    static final double ABS = 1e-5;
    static final double REL = 1e-5;

    @TempDir
    Path dir;

    static Stream<org.junit.jupiter.params.provider.Arguments> supported() {
        return Stream.of("iris_torch", "sigmoid_tanh_nobias", "view_reshape_opset11", "flatten_dropout_opset14",
                        "leaky_relu_opset14", "gelu_opset14")
                .flatMap(f -> TestModels.BACKENDS.stream().map(b -> org.junit.jupiter.params.provider.Arguments.of(f, b)));
    }

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name + ".onnx");
        Files.write(p, TestModels.resource(name + ".onnx"));
        return p;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("supported")
    void predictsWhatPyTorchPredicted(String name, String backend) throws IOException {
        Sequential model = Onnx.load(fixture(name)).backend(TestModels.backend(backend));
        float[][] x = TestModels.csv(name + ".input.csv");
        float[][] expected = TestModels.csv(name + ".output.csv");
        TestModels.assertClose(expected, model.predict(x), ABS, REL, name + " on " + backend);
    }

    @Test
    void irisTrainedInPyTorchIsTheLecturesNetworkAndClassifiesIris() throws IOException {
        Sequential model = Onnx.load(fixture("iris_torch"));
        List<?> layers = model.layers();
        assertEquals(2, layers.size(), () -> "layers: " + layers);
        Dense hidden = assertInstanceOf(Dense.class, layers.get(0));
        Dense out = assertInstanceOf(Dense.class, layers.get(1));
        assertEquals(16, hidden.units());
        assertEquals(Activation.RELU, hidden.activation());
        assertEquals(3, out.units());
        assertEquals(Activation.SOFTMAX, out.activation());
        assertEquals(4, model.inputWidth());
        assertEquals("categorical_crossentropy", model.loss().name());
    }

    @Test
    void pyTorchDropoutInEvalModeDisappearsAndFlattenKeepsTheFeatures() throws IOException {
        Sequential model = Onnx.load(fixture("flatten_dropout_opset14"));
        assertEquals(12, model.inputWidth());
        assertTrue(model.layers().stream().noneMatch(l -> l instanceof Dropout), () -> "layers: " + model.layers());
    }

    @Test
    void anImportedModelTrainsFurther() throws IOException {
        Sequential model = Onnx.load(fixture("iris_torch"), "categorical_crossentropy", "sgd", "accuracy");
        float[][] x = TestModels.csv("iris_torch.input.csv");
        // Targets the model gets wrong (the next class), so that the gradient cannot vanish.
        float[][] y = new float[x.length][3];
        int[] predicted = model.predictClasses(x);
        for (int i = 0; i < x.length; i++) {
            y[i][(predicted[i] + 1) % 3] = 1f;
        }
        float[] before = model.getParameters();
        model.trainOnBatch(x, y);
        float[] after = model.getParameters();
        assertTrue(!java.util.Arrays.equals(before, after), "one SGD step changed no weight");
    }

    @Test
    void pyTorchsLeakyReluAndGeluBecomeVectornnsActivationsFusedIntoTheDenseLayer() throws IOException {
        // PyTorch writes nn.LeakyReLU(0.1) as one LeakyRelu node, nn.GELU() as Div, Erf, Add, Mul, Mul.
        Sequential leaky = Onnx.load(fixture("leaky_relu_opset14"));
        assertEquals(2, leaky.layers().size(), () -> "layers: " + leaky.layers());
        assertEquals(Activation.LEAKY_RELU.configure(java.util.Map.of("negative_slope", (double) 0.1f)).toString(),
                assertInstanceOf(Dense.class, leaky.layers().get(0)).activation().toString());
        Sequential gelu = Onnx.load(fixture("gelu_opset14"));
        assertEquals(2, gelu.layers().size(), () -> "layers: " + gelu.layers());
        assertEquals(Activation.GELU, assertInstanceOf(Dense.class, gelu.layers().get(0)).activation());
    }
}
