package dev.vectornn.onnx;

import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.layers.Embedding;
import dev.vectornn.layers.GaussianNoise;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.BuiltinFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Export → import → export writes the same graph (byte for byte), and the imported model predicts
 * bitwise what the original predicts: every activation in each kind of setting, and every layer
 * ONNX export knows. Budget: under 3 s.
 */
class RoundTripTest {

    static List<Activation> activations() {
        return TestModels.ACTIVATIONS;
    }

    @TempDir
    Path dir;

    /** Exports, imports and exports again; returns the imported model after checking bytes and predictions. */
    private Sequential roundTrip(Sequential original, float[][] x) throws Exception {
        Path first = dir.resolve("first.onnx");
        Onnx.export(original, first);
        Sequential imported = Onnx.load(first);
        Path second = dir.resolve("second.onnx");
        Onnx.export(imported, second);

        assertEquals(onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(first)).getGraph(),
                onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(second)).getGraph());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        float[][] expected = original.predict(x);
        float[][] actual = imported.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0f, "row " + i);
        }
        return imported;
    }

    @ParameterizedTest
    @MethodSource("activations")
    void exportImportExportGivesTheSameGraphAndBitwiseTheSamePredictions(Activation a) throws Exception {
        // An ActivationLayer("linear") is exported as an Identity node, which import drops: it is left out here.
        Sequential original = a == Activation.LINEAR
                ? new Sequential(new Dense(6, a).inputDim(5), new Dropout(0.5), new Dense(4).useBias(false), new Dense(3, a))
                : new Sequential(new Dense(6, a).inputDim(5), new Dropout(0.5), new ActivationLayer(a),
                        new Dense(4).useBias(false), new Dense(3, a));
        original.seed(7 + TestModels.ACTIVATIONS.indexOf(a));
        original.compile("mse", "adam");
        Sequential imported = roundTrip(original, TestModels.gaussian(37, 5, 3));
        // relu with only a negative slope is ONNX's LeakyRelu, which reads back as leaky_relu: the same function.
        BuiltinFunction f = Activation.builtinFunction(a);
        boolean leaky = f.kind() == BuiltinFunction.Kind.RELU && f.negativeSlope() != 0f && f.threshold() == 0f
                && f.maxValue() == Float.POSITIVE_INFINITY;
        String expected = original.layers().toString();
        assertEquals(leaky ? expected.replace(a.toString(), "leaky_relu{negative_slope=" + (double) f.negativeSlope() + "}")
                : expected, imported.layers().toString());
    }

    @Test
    void theNormalizationLayersAndTheEmbeddingsComeBackWithTheirSettingsAndStatistics() throws Exception {
        Sequential norms = OnnxRuntimeExportTest.normalizations("scalar", false);
        Sequential imported = roundTrip(norms, TestModels.gaussian(29, 6, 4));
        assertEquals(norms.layers().toString(), imported.layers().toString());
        Sequential embeddings = OnnxRuntimeExportTest.embeddings("scalar");
        imported = roundTrip(embeddings, OnnxRuntimeExportTest.categorical(31, 6));
        assertEquals(embeddings.layers().toString(), imported.layers().toString());
        assertArrayEquals(embeddings.getParameters(), imported.getParameters(), 0f);
        Sequential only = new Sequential(new Embedding(3, 2).inputDim(1), new Dense(2));
        only.seed(5).compile("mse", "sgd");
        roundTrip(only, TestModels.withCategories(6, 1, 2, new int[] {0, 3}));
    }

    @Test
    void gaussianNoiseIsTheIdentityInTheGraphAndIsNotReadBack() throws Exception {
        Sequential noisy = OnnxRuntimeExportTest.normalizations("scalar", true);
        Path file = dir.resolve("noise.onnx");
        Onnx.export(noisy, file);
        assertTrue(onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(file)).getGraph().getNodeList().stream()
                .anyMatch(n -> n.getOpType().equals("Identity") && n.getName().endsWith("gaussian_noise.identity")));
        Sequential imported = Onnx.load(file);
        assertEquals(noisy.layers().stream().filter(l -> !(l instanceof GaussianNoise)).toList().toString(),
                imported.layers().toString());
        float[][] x = TestModels.gaussian(9, 6, 2);
        float[][] expected = noisy.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(expected[i], imported.predict(x)[i], 0f, "row " + i);
        }
    }
}
