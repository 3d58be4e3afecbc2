package dev.vectornn.examples;

import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.OneHot;
import dev.vectornn.data.csv.LabeledData;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.CSVLogger;
import dev.vectornn.models.EarlyStopping;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.ModelCheckpoint;
import dev.vectornn.models.ReduceLROnPlateau;
import dev.vectornn.models.Sequential;
import dev.vectornn.models.TerminateOnNaN;
import dev.vectornn.optimizers.Adam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Training controls" snippet, run; {@code .ci/readme-snippets} checks that the
 * README's block is this region, and this test that the README still quotes it. Budget: ~1 s.
 */
class TrainingControlsReadmeSnippetTest {

    private static final Path SELF = Path.of("src/test/java/dev/vectornn/examples/TrainingControlsReadmeSnippetTest.java");

    @AfterEach
    void removeTheFiles() throws IOException {
        Files.deleteIfExists(Path.of("training.csv"));
        Path checkpoints = Path.of("checkpoints");
        if (Files.exists(checkpoints)) {
            try (Stream<Path> files = Files.walk(checkpoints)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void trainingControls() throws IOException {
        LabeledData df = IrisData.load();
        float[][] x = df.features();
        float[][] y = OneHot.toCategorical(LabelEncoder.fitTransform(df.labels()));
        Sequential model = new Sequential(new Dense(16, "relu").inputDim(4), new Dense(3, "softmax")).seed(7);
        model.compile("categorical_crossentropy", new Adam(0.01), "accuracy");
        // README snippet: training-controls
        History history = model.fit(x, y, FitOptions.epochs(200).batchSize(16).validationSplit(0.2).verbose(0)
                .classWeight(Map.of(0, 1.0, 1, 2.0, 2, 2.0))           // Keras' class_weight
                .callbacks(new EarlyStopping("val_loss").patience(10).restoreBestWeights(true),
                        new ReduceLROnPlateau("val_loss").factor(0.5).patience(3),
                        new ModelCheckpoint("checkpoints/iris-{epoch:02d}-{val_loss:.4f}.vnn").saveBestOnly(true),
                        new CSVLogger(Path.of("training.csv")),
                        new TerminateOnNaN()));
        List<Double> rates = history.get("learning_rate");  // the rate of each epoch: 0.01, ..., 0.005 ...
        // end of README snippet
        assertEquals(history.epochs(), rates.size());
        assertEquals(0.01, rates.get(0));
        assertTrue(Files.readAllLines(Path.of("training.csv")).size() == history.epochs() + 1, "one CSV row per epoch");
        try (Stream<Path> saved = Files.list(Path.of("checkpoints"))) {
            assertTrue(saved.count() >= 1, "at least the first epoch was checkpointed");
        }
    }

    @Test
    void theReadmeQuotesTheSnippet() throws IOException {
        List<String> snippets = ReadmeSnippetsTest.snippets(Files.readAllLines(SELF));
        assertEquals(1, snippets.size(), "snippets found in " + SELF);
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("<!-- readme-snippets: java examples/src/test/java/dev/vectornn/examples/TrainingControlsReadmeSnippetTest.java -->\n```java\n"
                + snippets.get(0) + "```"), "README.md's training controls section does not quote:\n" + snippets.get(0));
    }
}
