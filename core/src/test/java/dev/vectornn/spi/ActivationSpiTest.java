package dev.vectornn.spi;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Looking activations up, their configs, and the built-ins' worked values. Budget: milliseconds. */
class ActivationSpiTest {

    @Test
    void builtInsAreFoundByNameAliasAndAnySpellingAsTheirOnlyInstances() {
        assertSame(Activation.RELU, Activation.byName("relu"));
        assertSame(Activation.SOFTMAX, Activation.byName(" Softmax "));
        assertSame(Activation.LINEAR, Activation.byName("none"));
        assertSame(Activation.LINEAR, Activation.byName(null));
        for (Activation a : Activation.builtins()) {
            assertSame(a, Activation.byName(a.name()));
            assertTrue(Activation.isBuiltin(a));
            assertEquals(a.name(), Activation.toConfig(a), "a built-in is saved as its name");
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.byName("relu6"));
        assertEquals("Unknown activation 'relu6'. Known activations: linear, relu, sigmoid, tanh, softmax, leaky_relu,"
                + " elu, selu, gelu, silu, softplus, softsign, hard_sigmoid, exponential", e.getMessage());
    }

    @Test
    void configsAreNamesOrNameAndSettingsAndBadOnesSayWhatIsWrong() {
        assertSame(Activation.TANH, Activation.fromConfig("tanh"));
        assertSame(Activation.TANH, Activation.fromConfig(Map.of("name", "tanh")));
        var settings = assertThrows(IllegalArgumentException.class,
                () -> Activation.fromConfig(Map.of("name", "tanh", "config", Map.of("alpha", 1))));
        assertEquals("Activation 'tanh' has no settings, got [alpha]", settings.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> Activation.fromConfig(7));
        assertTrue(shape.getMessage().contains("got 7"), shape.getMessage());
        var notMap = assertThrows(IllegalArgumentException.class,
                () -> Activation.fromConfig(Map.of("name", "relu", "config", "x")));
        assertTrue(notMap.getMessage().contains("'config' must be a map"), notMap.getMessage());
    }

    @Test
    void builtInsComputeTheirWorkedValuesOnABlock() {
        float[] z = {-1f, 0f, 2f};
        float[] y = new float[3];
        Activation.RELU.forward(1, 3, z, 0, y, 0);
        assertArrayEquals(new float[] {0f, 0f, 2f}, y);
        Activation.SIGMOID.forward(1, 3, z, 0, y, 0);
        assertArrayEquals(new float[] {0.26894143f, 0.5f, 0.8807971f}, y, 1e-7f);
        Activation.TANH.forward(1, 3, z, 0, y, 0);
        assertArrayEquals(new float[] {-0.7615942f, 0f, 0.9640276f}, y, 1e-7f);
        float[] scores = {1f, 2f, 3f, 1000f, 1000f, 1000f};
        float[] p = new float[6];
        Activation.SOFTMAX.forward(2, 3, scores, 0, p, 0);
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f, 1 / 3f, 1 / 3f, 1 / 3f}, p, 1e-7f);
        // Softmax backward: the Jacobian-vector product y_i (dy_i − Σ dy_j y_j); with dy = e_0:
        float[] dx = new float[3];
        Activation.SOFTMAX.backward(1, 3, null, 0, p, 0, new float[] {1f, 0f, 0f}, 0, dx, 0);
        float p0 = p[0];
        assertArrayEquals(new float[] {p0 * (1 - p0), -p[1] * p0, -p[2] * p0}, dx, 1e-7f);
        // Linear copies between arrays and leaves an in-place block alone.
        Activation.LINEAR.forward(1, 3, z, 0, y, 0);
        assertArrayEquals(z, y);
    }
}
