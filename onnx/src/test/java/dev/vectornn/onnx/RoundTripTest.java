package dev.vectornn.onnx;

import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Export → import → export writes the same graph (byte for byte), and the imported model predicts
 * bitwise what the original predicts. Budget: under 1 s.
 */
class RoundTripTest {

    static java.util.List<Activation> builtinActivations() {
        return Activation.builtins();
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("builtinActivations")
    void exportImportExportGivesTheSameGraphAndBitwiseTheSamePredictions(Activation a) throws Exception {
        // An ActivationLayer("linear") is exported as an Identity node, which import drops: it is left out here.
        Sequential original = a == Activation.LINEAR
                ? new Sequential(new Dense(6, a).inputDim(5), new Dropout(0.5), new Dense(4).useBias(false), new Dense(3, a))
                : new Sequential(new Dense(6, a).inputDim(5), new Dropout(0.5), new ActivationLayer(a),
                        new Dense(4).useBias(false), new Dense(3, a));
        original.seed(7 + Activation.builtins().indexOf(a));
        original.compile("mse", "adam");
        Path first = dir.resolve("first.onnx");
        Onnx.export(original, first);

        Sequential imported = Onnx.load(first);
        Path second = dir.resolve("second.onnx");
        Onnx.export(imported, second);

        assertEquals(onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(first)).getGraph(),
                onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(second)).getGraph());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        float[][] x = TestModels.gaussian(37, 5, 3);
        float[][] expected = original.predict(x);
        float[][] actual = imported.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0f, "row " + i);
        }
        assertEquals(original.layers().toString(), imported.layers().toString());
    }
}
