package org.example.gemmonly;

import dev.vectornn.backend.Backends;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An activation from outside the project is found by name, trains on every backend through its
 * own forward and backward (no backend fuses it), and is saved and loaded with its settings.
 * Budget: about two seconds.
 */
class PluginActivationTest {

    private static Sequential irisModel(Activation hidden, Backend backend) {
        Sequential model = new Sequential().seed(3).backend(backend);
        model.add(new Dense(16, hidden).inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.compile("categorical_crossentropy", "adam", "accuracy");
        return model;
    }

    @Test
    void isFoundByNameAndConfiguredFromItsSettings() {
        assertTrue(Activation.byName("OutsideLeakyReLU") instanceof LeakyRelu);
        Activation a = Activation.fromConfig(Map.of("name", "outside_leaky_relu", "config", Map.of("alpha", 0.05)));
        assertEquals(Map.of("alpha", (double) 0.05f), a.config());
        assertFalse(Backends.named("scalar").kernels().fusesActivation(a), "no backend fuses a plugin activation");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Activation.fromConfig(Map.of("name", "outside_leaky_relu", "config", Map.of("slope", 1))));
        assertTrue(e.getMessage().contains("slope"), e.getMessage());
    }

    @Test
    void trainsIrisOnEveryBackend() {
        for (Backend backend : Backends.available()) {
            Sequential model = irisModel(new LeakyRelu(0.1f), backend);
            model.fit(Iris.X, Iris.Y, FitOptions.epochs(30).batchSize(8).verbose(0));
            double accuracy = model.evaluate(Iris.X, Iris.Y).accuracy();
            assertTrue(accuracy >= 0.9, backend.name() + ": training accuracy " + accuracy);
        }
    }

    @Test
    void savesAndLoadsWithItsSlope(@TempDir Path dir) throws Exception {
        Sequential model = irisModel(new LeakyRelu(0.05f), Backends.named("scalar"));
        model.fit(Iris.X, Iris.Y, FitOptions.epochs(2).batchSize(16).verbose(0));
        Path file = dir.resolve("leaky.vnn");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        Dense first = (Dense) loaded.layers().get(0);
        assertEquals(Map.of("alpha", (double) 0.05f), first.activation().config());
        float[][] expected = model.predict(Iris.X);
        float[][] actual = loaded.predict(Iris.X);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0f, "row " + i);
        }
    }
}
