package dev.vectornn.plugin;

import dev.vectornn.VectorNN;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Layer;
import dev.vectornn.layers.Layers;
import dev.vectornn.losses.Losses;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layer types, losses and optimizers are found by name through {@code ServiceLoader}: the
 * built-in ones from core's META-INF/services, and the test-only "plugins" in this package from
 * the test resources' META-INF/services, exactly as a third-party jar's would be.
 */
class PluginDiscoveryTest {

    @Test
    void thirdPartyLossIsFoundByNameAndAlias() {
        assertInstanceOf(SquaredHingeLoss.class, Losses.get("test_squared_hinge"));
        assertInstanceOf(SquaredHingeLoss.class, Losses.get("TestSquaredHinge"));
        assertInstanceOf(SquaredHingeLoss.class, Losses.get("test_sqhinge"));
    }

    @Test
    void thirdPartyLayerIsFoundByNameAndRoundTripsItsConfig() {
        Layer layer = Layers.create("scale", Map.of("factor", 2.5));
        assertEquals("scale", layer.typeName());
        Layer again = Layers.create(layer.typeName(), layer.config());
        assertEquals(layer.config(), again.config());
    }

    @Test
    void builtInsAreFoundTheKerasWays() {
        assertEquals("mean_squared_error", Losses.get("mse").name());
        assertEquals("mean_squared_error", Losses.get("MeanSquaredError").name());
        assertEquals("categorical_crossentropy", Losses.get("categorical_crossentropy").name());
        assertEquals("sparse_categorical_crossentropy", Losses.get("SparseCategoricalCrossentropy").name());
        assertEquals("binary_crossentropy", Losses.get("binary_crossentropy").name());
        for (String n : new String[] {"sgd", "adam", "rmsprop", "adagrad"}) {
            assertEquals(n, Optimizers.get(n).name());
        }
        Layer dense = Layers.create("dense", Map.of("units", 3, "activation", "softmax"));
        assertInstanceOf(Dense.class, dense);
        for (String act : new String[] {"relu", "sigmoid", "tanh", "softmax", "linear", "activation", "dropout"}) {
            assertTrue(Layers.names().contains(act), act + " in " + Layers.names());
        }
    }

    @Test
    void optimizersByNameHaveKerasDefaults() {
        assertEquals(0.01, Optimizers.get("sgd").config().get("learning_rate"));
        assertEquals(0.0, Optimizers.get("sgd").config().get("momentum"));
        assertEquals(0.001, Optimizers.get("adam").config().get("learning_rate"));
        assertEquals(0.9, Optimizers.get("adam").config().get("beta_1"));
        assertEquals(0.999, Optimizers.get("adam").config().get("beta_2"));
        assertEquals(1e-7, Optimizers.get("adam").config().get("epsilon"));
        assertEquals(0.9, Optimizers.get("rmsprop").config().get("rho"));
        assertEquals(0.1, Optimizers.get("adagrad").config().get("initial_accumulator_value"));
        assertEquals(new Sgd(0.05, 0.9, true).config(),
                Optimizers.get("sgd").withConfig(Map.of("learning_rate", 0.05, "momentum", 0.9, "nesterov", true)).config());
        assertEquals(new Adam(0.01).config(), Optimizers.get("adam").withConfig(Map.of("learning_rate", 0.01)).config());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        var loss = assertThrows(IllegalArgumentException.class, () -> Losses.get("hinge_of_doom"));
        assertTrue(loss.getMessage().contains("mean_squared_error") && loss.getMessage().contains("test_squared_hinge"),
                loss.getMessage());
        var opt = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("lbfgs"));
        assertTrue(opt.getMessage().contains("sgd, adam, rmsprop, adagrad"), opt.getMessage());
        var layer = assertThrows(IllegalArgumentException.class, () -> Layers.create("conv2d", Map.of()));
        assertTrue(layer.getMessage().contains("dense") && layer.getMessage().contains("scale"), layer.getMessage());
        var hyper = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.get("sgd").withConfig(Map.of("learnin_rate", 0.1)));
        assertTrue(hyper.getMessage().contains("learnin_rate") && hyper.getMessage().contains("learning_rate"),
                hyper.getMessage());
    }

    @Test
    void describeListsEveryProviderOfEverySpi() {
        String d = VectorNN.describe();
        assertTrue(d.contains("backend providers:"), d);
        assertTrue(d.contains("layer providers:") && d.contains("scale from dev.vectornn.plugin.ScaleLayerType"), d);
        assertTrue(d.contains("loss providers:") && d.contains("test_squared_hinge"), d);
        assertTrue(d.contains("optimizer providers:") && d.contains("adagrad"), d);
    }
}
