package dev.vectornn.examples;

import dev.vectornn.data.csv.LabeledData;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.onnx.Onnx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's ONNX Java snippet (section "ONNX"), run; {@code .ci/readme-snippets} checks that the
 * README's block is this region, and this test that the README still quotes it. Budget: ~1 s.
 */
class OnnxReadmeSnippetTest {

    private static final Path SELF = Path.of("src/test/java/dev/vectornn/examples/OnnxReadmeSnippetTest.java");

    @AfterEach
    void removeTheFile() throws IOException {
        Files.deleteIfExists(Path.of("iris.onnx"));
    }

    @Test
    void exportAndLoad() throws IOException {
        LabeledData df = IrisData.load();
        float[][] x = df.features();
        Sequential model = new Sequential(new Dense(16, "relu").inputDim(4), new Dense(3, "softmax"));
        model.seed(3);
        model.compile("mse", "sgd");
        // README snippet: onnx
        Path file = Path.of("iris.onnx");
        Onnx.export(model, file);                          // atomic, like save
        Sequential m = Onnx.load(file);                    // compiled (adam, a loss that fits the output)
        Sequential t = Onnx.load(file, "categorical_crossentropy", "sgd", "accuracy");
        float[][] p = m.predict(x);                        // bitwise what model.predict(x) gives
        // end of README snippet
        float[][] expected = model.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(expected[i], p[i], 0f, "row " + i);
        }
        assertEquals("categorical_crossentropy", m.loss().name());
        assertEquals("sgd", t.optimizer().name());
    }

    @Test
    void theReadmeQuotesTheSnippet() throws IOException {
        String self = Files.readString(SELF);
        int from = self.indexOf("\n", self.indexOf("        // README snippet: onnx")) + 1;
        int to = self.indexOf("        // end of README snippet", from);
        String region = self.substring(from, to).replace("\n        ", "\n").substring(8);
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("<!-- readme-snippets: java examples/src/test/java/dev/vectornn/examples/OnnxReadmeSnippetTest.java -->\n```java\n"
                + region + "```"), "README.md's ONNX section does not quote:\n" + region);
    }
}
