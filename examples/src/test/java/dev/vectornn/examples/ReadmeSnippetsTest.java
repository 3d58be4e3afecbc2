package dev.vectornn.examples;

import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.OneHot;
import dev.vectornn.data.csv.LabeledData;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.GradientStatistics;
import dev.vectornn.models.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java snippets, run: each sits below between {@code // README snippet: NAME} and
 * {@code // end of README snippet}, and {@link #theReadmeQuotesEachSnippetVerbatim} checks that
 * README.md shows exactly that text, so the two cannot drift apart. {@code .ci/readme-snippets}
 * checks the other way round: that every Java block in the README is one of these. Budget: ~1 s.
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SELF = Path.of("src/test/java/dev/vectornn/examples/ReadmeSnippetsTest.java");
    private static final String BEGIN = "// README snippet: ";
    private static final String END = "// end of README snippet";

    private final float[][] x;
    private final float[][] y;

    ReadmeSnippetsTest() {
        LabeledData df = IrisData.load();
        x = df.features();
        y = OneHot.toCategorical(LabelEncoder.fitTransform(df.labels()));
    }

    private static Sequential irisModel() {
        Sequential model = new Sequential(new Dense(16, "relu").inputDim(4), new Dense(3, "softmax"));
        model.seed(7);
        model.compile("categorical_crossentropy", "adam", "accuracy");
        return model;
    }

    @AfterEach
    void removeTheSavedModels() throws IOException {
        for (String file : new String[] {"iris.safetensors"}) {
            Files.deleteIfExists(Path.of(file));
        }
    }

    @Test
    void gradientStatistics() {
        Sequential model = irisModel();
        // README snippet: gradient-statistics
        GradientStatistics stats = new GradientStatistics();
        model.fit(x, y, FitOptions.epochs(40).batchSize(16).callbacks(stats));
        double firstLayerEpoch1 = stats.meanNorm(0, 0);   // mean over the epoch's batches of ‖∂L/∂θ_layer‖
        // end of README snippet
        assertTrue(firstLayerEpoch1 > 0, "gradient norm " + firstLayerEpoch1);
        assertEquals(40, stats.epochs());
    }

    @Test
    void saveAndLoad() throws IOException {
        Sequential model = irisModel();
        // README snippet: save-and-load
        model.fit(x, y, 10, 16);
        model.save(Path.of("iris.safetensors"));              // compiled models only

        Sequential again = Sequential.load(Path.of("iris.safetensors"));
        again.predict(x);                                      // bitwise the same outputs
        again.fit(x, y, 10, 16);                               // as if fit(x, y, 20, 16) had never stopped
        // end of README snippet
        model.fit(x, y, 10, 16);
        float[][] expected = model.predict(x);
        float[][] actual = again.predict(x);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "row " + i + ": the loaded model trained on as the original did");
        }
    }

    /** The snippets of this file, dedented, in order. */
    static List<String> snippets(List<String> source) {
        List<String> snippets = new ArrayList<>();
        StringBuilder current = null;
        int indent = 0;
        for (String line : source) {
            String stripped = line.strip();
            if (stripped.startsWith(BEGIN)) {
                current = new StringBuilder();
                indent = line.indexOf(BEGIN);
            } else if (stripped.equals(END)) {
                snippets.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
            }
        }
        return snippets;
    }

    @Test
    void theReadmeQuotesEachSnippetVerbatim() throws IOException {
        String readme = Files.readString(README);
        List<String> snippets = snippets(Files.readAllLines(SELF));
        assertEquals(2, snippets.size(), "snippets found in " + SELF);
        for (String snippet : snippets) {
            assertTrue(readme.contains("```java\n" + snippet + "```\n"), "README.md does not show this snippet verbatim:\n" + snippet);
        }
    }
}
