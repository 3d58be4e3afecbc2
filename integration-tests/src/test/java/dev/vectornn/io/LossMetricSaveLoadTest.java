package dev.vectornn.io;

import dev.vectornn.layers.Dense;
import dev.vectornn.losses.BinaryCrossentropy;
import dev.vectornn.losses.CategoricalCrossentropy;
import dev.vectornn.losses.Huber;
import dev.vectornn.losses.Loss;
import dev.vectornn.losses.Losses;
import dev.vectornn.losses.SparseCategoricalCrossentropy;
import dev.vectornn.metrics.Auc;
import dev.vectornn.metrics.BinaryAccuracy;
import dev.vectornn.metrics.F1Score;
import dev.vectornn.metrics.Metric;
import dev.vectornn.metrics.Precision;
import dev.vectornn.metrics.R2Score;
import dev.vectornn.metrics.TopKCategoricalAccuracy;
import dev.vectornn.models.Evaluation;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configured losses and metrics come back from {@code Sequential.save}/{@code load} with their settings. */
class LossMetricSaveLoadTest {

    @TempDir
    Path dir;

    private final float[][][] data = Fixtures.blobs(60, 5);

    static Stream<Loss> configuredLosses() {
        return Stream.of(new Huber(0.25), new CategoricalCrossentropy(true, 0.1), new CategoricalCrossentropy(false, 0.2),
                new SparseCategoricalCrossentropy(true), new BinaryCrossentropy(true, 0.05), Losses.get("mae"),
                Losses.get("mape"), Losses.get("msle"), Losses.get("log_cosh"), Losses.get("kld"), Losses.get("poisson"),
                Losses.get("hinge"), Losses.get("squared_hinge"), Losses.get("categorical_hinge"),
                Losses.get("cosine_similarity"));
    }

    @ParameterizedTest
    @MethodSource("configuredLosses")
    void everyLossLoadsWithItsSettingsAndTheSameLoss(Loss loss) throws IOException {
        boolean sparse = loss.targetWidth(3) == 1;
        boolean logits = Boolean.TRUE.equals(loss.config().get("from_logits"));
        Sequential m = new Sequential(new Dense(8, "relu").inputDim(Fixtures.FEATURES),
                new Dense(Fixtures.CLASSES, logits || loss.name().contains("hinge") || loss.name().equals("cosine_similarity")
                        || loss.name().startsWith("mean_absolute") || loss.name().equals("huber") || loss.name().equals("log_cosh")
                        ? "linear" : "softmax"));
        m.seed(3);
        m.compile(loss, new Adam(0.01));
        float[][] y = sparse ? labels(data[1]) : data[1];
        m.fit(data[0], y, Fixtures.quiet(2, 16));
        Path file = dir.resolve(loss.name() + ".safetensors");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(loss.name(), loaded.loss().name());
        assertEquals(loss.config(), loaded.loss().config());
        assertEquals(loss.getClass(), loaded.loss().getClass());
        // Same weights, same loss: bitwise the same evaluation.
        assertEquals(m.evaluate(data[0], y).loss(), loaded.evaluate(data[0], y).loss());
    }

    static float[][] labels(float[][] oneHot) {
        float[][] l = new float[oneHot.length][1];
        for (int i = 0; i < oneHot.length; i++) {
            for (int j = 0; j < oneHot[i].length; j++) {
                l[i][0] += oneHot[i][j] > 0 ? j : 0;
            }
        }
        return l;
    }

    @Test
    void configuredMetricsLoadWithTheirSettingsAndTheSameValues() throws IOException {
        Sequential m = new Sequential(new Dense(8, "relu").inputDim(Fixtures.FEATURES), new Dense(Fixtures.CLASSES, "softmax"));
        m.seed(4);
        List<Metric> metrics = List.of(new Auc(50, Auc.Curve.PR), new Precision(0.4, 1), new F1Score("weighted", Double.NaN),
                new TopKCategoricalAccuracy(2), new BinaryAccuracy(0.3), new R2Score());
        m.compile(Losses.get("cce"), new Adam(0.01), metrics.get(0), metrics.subList(1, metrics.size()).toArray(Metric[]::new));
        m.fit(data[0], data[1], Fixtures.quiet(3, 16));
        Path file = dir.resolve("metrics.safetensors");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(m.metricNames(), loaded.metricNames());
        for (int i = 0; i < metrics.size(); i++) {
            assertEquals(metrics.get(i).config(), loaded.metrics().get(i).config(), metrics.get(i).name());
        }
        Evaluation before = m.evaluate(data[0], data[1]);
        Evaluation after = loaded.evaluate(data[0], data[1]);
        assertEquals(before.asMap(), after.asMap());
        assertTrue(before.get("auc") > 0.5 && before.get("f1_score") > 0, before.toString());
    }

    @Test
    void plainCrossEntropiesStillSaveAnEmptyConfig() throws IOException {
        // Settings at their defaults are left out, so older files (config {}) and new ones agree.
        assertEquals(Map.of(), new CategoricalCrossentropy().config());
        assertEquals(Map.of(), Losses.get("binary_crossentropy").config());
        assertEquals(Map.of("from_logits", true), new SparseCategoricalCrossentropy(true).config());
    }

    @Test
    void aMetricThatIsNotRegisteredIsNotSaved() {
        Fixtures.onceNotPerBackend();
        Sequential m = new Sequential(new Dense(3, "softmax").inputDim(Fixtures.FEATURES));
        m.compile(Losses.get("cce"), new Adam(), new Metric() {
            @Override
            public String name() {
                return "my_top_two";
            }

            @Override
            public String description() {
                return "an unregistered metric";
            }

            @Override
            public void reset() {
            }

            @Override
            public void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols,
                               float[] weights, int wOff) {
            }

            @Override
            public double result() {
                return 0;
            }

            @Override
            public Metric copy() {
                return this;
            }
        });
        Path file = dir.resolve("unregistered.safetensors");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.save(file));
        assertTrue(e.getMessage().contains("metric 'my_top_two' cannot be rebuilt") && e.getMessage().contains("META-INF/services"),
                e.getMessage());
        assertFalse(Files.exists(file));
    }
}
