package dev.vectornn.io;

import dev.vectornn.layers.BatchNormalization;
import dev.vectornn.layers.Constraint;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Embedding;
import dev.vectornn.layers.GaussianNoise;
import dev.vectornn.layers.LayerNormalization;
import dev.vectornn.layers.Normalization;
import dev.vectornn.layers.Regularizer;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.vectornn.io.SaveLoadTest.assertBitwiseEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issue #14 layers, regularizers and constraints round-trip through {@code Sequential.save}
 * and {@code load}: their settings, the moving statistics and an adapted {@code Normalization}'s
 * statistics (non-trainable tensors in the file), and training resumes bit for bit.
 */
class LayersSaveLoadTest {

    @TempDir
    Path dir;

    private final float[][][] data = Fixtures.blobs(90, 13);

    private Sequential numeric(long seed) {
        Sequential m = new Sequential().seed(seed).input(Fixtures.FEATURES);
        m.add(new Normalization().adapt(data[0]));
        m.add(new Dense(8, "relu").kernelRegularizer(Regularizer.l2(0.001)).kernelConstraint(Constraint.maxNorm(3, 0))
                .activityRegularizer(Regularizer.l1l2(1e-4, 2e-4)));
        m.add(new BatchNormalization(0.9, 1e-3, true, true));
        m.add(new GaussianNoise(0.1));
        m.add(new LayerNormalization());
        m.add(new Dense(Fixtures.CLASSES, "softmax").biasRegularizer("l1").kernelConstraint("unit_norm").activityRegularizer("l2"));
        m.compile("categorical_crossentropy", new Adam(0.01), "accuracy");
        return m;
    }

    @Test
    void trainingResumesBitwiseWithMovingStatisticsAndAdaptedStatistics() throws IOException {
        Sequential straight = numeric(42);
        straight.fit(data[0], data[1], Fixtures.quiet(6, 16));

        Sequential first = numeric(42);
        first.fit(data[0], data[1], Fixtures.quiet(3, 16));
        Path file = dir.resolve("layers.safetensors");
        first.save(file);
        Sequential loaded = Sequential.load(file);

        assertBitwiseEqual(first.getParameters(), loaded.getParameters());
        for (int l = 0; l < first.layers().size(); l++) {
            assertEquals(first.layers().get(l).config(), loaded.layers().get(l).config(), "layer " + l);
        }
        assertEquals(first.summary(), loaded.summary());
        float[][] a = first.predict(data[0]);
        float[][] b = loaded.predict(data[0]);
        for (int i = 0; i < a.length; i++) {
            assertBitwiseEqual(a[i], b[i]);
        }
        // The moving statistics moved and are in the file under their Keras names.
        int moving = first.layerNonTrainableOffset(2);
        assertNotEquals(0f, first.getParameters()[moving]);
        String header = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("layers.2.batch_normalization.moving_mean"), "moving mean tensor");
        assertTrue(header.contains("layers.0.normalization.variance"), "adapted variance tensor");

        loaded.fit(data[0], data[1], Fixtures.quiet(3, 16));
        assertBitwiseEqual(straight.getParameters(), loaded.getParameters());
        assertBitwiseEqual(straight.snapshot().slots(), loaded.snapshot().slots());
        assertFalse(Arrays.equals(first.getParameters(), loaded.getParameters()), "the second half did train");
    }

    @Test
    void anEmbeddingModelRoundTrips() throws IOException {
        float[][] x = new float[data[0].length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = data[0][i].clone();
            x[i][3] = i % 3; // column 3 becomes a category
        }
        Sequential m = new Sequential().seed(4);
        m.add(new Embedding(3, 2).column(3).inputDim(Fixtures.FEATURES));
        m.add(new Dense(Fixtures.CLASSES, "softmax"));
        m.compile("categorical_crossentropy", new Adam(0.01));
        m.fit(x, data[1], Fixtures.quiet(2, 16));
        Path file = dir.resolve("embedding.safetensors");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(m.layers().get(0).config(), loaded.layers().get(0).config());
        assertBitwiseEqual(m.getParameters(), loaded.getParameters());
        m.fit(x, data[1], Fixtures.quiet(1, 16));
        loaded.fit(x, data[1], Fixtures.quiet(1, 16));
        assertBitwiseEqual(m.getParameters(), loaded.getParameters());
    }
}
