package dev.vectornn.io;

import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #14's activations keep their settings through {@code save}/{@code load}, and show them in {@code summary()}. */
class ActivationSettingsSaveLoadTest {

    @TempDir
    Path dir;

    private static Activation configured(String name, Map<String, Object> config) {
        return Activation.fromConfig(Map.of("name", name, "config", config));
    }

    @Test
    void configuredActivationsRoundTripWithTheirSettings() throws IOException {
        Sequential model = new Sequential(
                new Dense(8, configured("relu", Map.of("max_value", 6, "negative_slope", 0.1))).inputDim(Fixtures.FEATURES),
                new Dense(8, configured("elu", Map.of("alpha", 0.5))),
                new Dense(8, configured("gelu", Map.of("approximate", true))),
                new Dense(8, "swish"),
                new ActivationLayer(configured("leaky_relu", Map.of("negative_slope", 0.3))),
                new Dense(8, "hard_sigmoid"),
                new Dense(Fixtures.CLASSES, "softplus"));
        model.seed(3);
        model.compile("mean_squared_error", "adam");
        float[][][] data = Fixtures.blobs(40, 5);
        float[][] x = data[0];
        float[][] y = data[1];
        model.fit(x, y, Fixtures.quiet(2, 8));
        Path file = dir.resolve("activations.safetensors");
        model.save(file);
        Sequential back = Sequential.load(file);
        for (int l = 0; l < model.layers().size(); l++) {
            assertEquals(model.layers().get(l).config(), back.layers().get(l).config(), "layer " + l);
        }
        float[][] expected = model.predict(x);
        float[][] actual = back.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(expected[i], actual[i], "row " + i);
        }
        String summary = back.summary();
        assertTrue(summary.contains("Dense(8, relu{negative_slope=0.10000000149011612, max_value=6.0})"), summary);
        assertTrue(summary.contains("Dense(8, elu{alpha=0.5})"), summary);
        assertTrue(summary.contains("Dense(8, gelu{approximate=true})"), summary);
        assertTrue(summary.contains("Dense(8, silu)"), summary);
        assertTrue(summary.contains("Activation(leaky_relu{negative_slope=0.30000001192092896})"), summary);
    }
}
