package dev.vectornn.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras 3's activations of issue #14: worked values, derivatives against finite differences, and
 * their settings. Budget: milliseconds.
 */
class KerasActivationsTest {

    private static final float[] Z = {-3f, -1f, 0f, 0.5f, 2f};

    private static float[] forward(Activation a, float[] z) {
        float[] y = new float[z.length];
        a.forward(1, z.length, z, 0, y, 0);
        return y;
    }

    private static Activation configured(String name, Map<String, Object> config) {
        return Activation.fromConfig(Map.of("name", name, "config", config));
    }

    @Test
    void workedValuesFromKerasFormulas() {
        // Values of the Keras 3 formulas (keras/src/activations/activations.py) at Z, evaluated in
        // float64 with numpy/scipy and rounded to float; they agree with PyTorch's printed
        // figures where those exist (F.gelu(-1) = -0.1587, F.selu(-1) = -1.1113, F.elu(-1) = -0.6321).
        assertArrayEquals(new float[] {-0.950212955f, -0.63212055f, 0f, 0.5f, 2f}, forward(Activation.ELU, Z), 1e-7f);
        assertArrayEquals(new float[] {-0.475106478f, -0.316060275f, 0f, 0.5f, 2f},
                forward(configured("elu", Map.of("alpha", 0.5)), Z), 1e-7f);
        assertArrayEquals(new float[] {-1.6705687f, -1.11133075f, 0f, 0.525350511f, 2.10140204f},
                forward(Activation.SELU, Z), 2e-7f);
        assertArrayEquals(new float[] {-0.00404969417f, -0.158655256f, 0f, 0.345731229f, 1.95449972f},
                forward(Activation.GELU, Z), 1e-7f);
        assertArrayEquals(new float[] {-0.00363739207f, -0.158808008f, 0f, 0.345714003f, 1.95459771f},
                forward(configured("gelu", Map.of("approximate", true)), Z), 1e-7f);
        assertArrayEquals(new float[] {-0.142277613f, -0.268941432f, 0f, 0.311229676f, 1.76159418f},
                forward(Activation.SILU, Z), 1e-7f);
        assertArrayEquals(new float[] {0.048587352f, 0.313261688f, 0.693147182f, 0.974076986f, 2.12692809f},
                forward(Activation.SOFTPLUS, Z), 1e-7f);
        assertArrayEquals(new float[] {-0.75f, -0.5f, 0f, 0.333333343f, 0.666666687f}, forward(Activation.SOFTSIGN, Z));
        // Keras 3 hard_sigmoid = relu6(x + 3) / 6 (not Keras 2's 0.2x + 0.5): 1 → 4/6.
        assertArrayEquals(new float[] {0f, 0.333333343f, 0.5f, 0.583333313f, 0.833333313f},
                forward(Activation.HARD_SIGMOID, Z));
        assertArrayEquals(new float[] {0.0497870669f, 0.36787945f, 1f, 1.64872122f, 7.38905621f},
                forward(Activation.EXPONENTIAL, Z), 1e-6f);
        // GELU's far left tail keeps its digits: -10 Φ(-10) = -7.61985302e-23 (scipy.stats.norm.cdf).
        assertEquals(-7.61985302e-23f, forward(Activation.GELU, new float[] {-10f})[0], 1e-29f);
    }

    @Test
    void reluAndLeakyReluSettingsFollowKerasDocs() {
        // keras.layers.ReLU / keras.activations.relu docs, x = [-10, -5, 0, 5, 10]:
        float[] x = {-10f, -5f, 0f, 5f, 10f};
        assertArrayEquals(new float[] {0f, 0f, 0f, 5f, 10f}, forward(Activation.RELU, x));
        assertArrayEquals(new float[] {-5f, -2.5f, 0f, 5f, 10f}, forward(configured("relu", Map.of("negative_slope", 0.5)), x));
        assertArrayEquals(new float[] {0f, 0f, 0f, 5f, 5f}, forward(configured("relu", Map.of("max_value", 5.0)), x));
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 10f}, forward(configured("relu", Map.of("threshold", 5.0)), x));
        // keras.layers.LeakyReLU(negative_slope=0.5) docs: [-3, -1, 0, 2] → [-1.5, -0.5, 0, 2];
        // keras.activations.leaky_relu's default slope is 0.2.
        assertArrayEquals(new float[] {-1.5f, -0.5f, 0f, 2f},
                forward(configured("leaky_relu", Map.of("negative_slope", 0.5)), new float[] {-3f, -1f, 0f, 2f}));
        assertArrayEquals(new float[] {-0.6f, -0.2f, 0f, 0.5f, 2f}, forward(Activation.LEAKY_RELU, Z));
        // All three together (Keras' relu formula): clip(x > 1 ? x : 0, 0, 6) − 0.1·max(1 − x, 0).
        assertArrayEquals(new float[] {-1.1f, -0.6f, -0.1f, 5f, 6f},
                forward(configured("relu", Map.of("negative_slope", 0.1, "max_value", 6, "threshold", 1)), x), 1e-6f);
    }

    /** Every new activation and configured variant, at points away from their kinks. */
    private static List<Activation> variants() {
        return List.of(Activation.LEAKY_RELU, configured("leaky_relu", Map.of("negative_slope", -0.3)),
                Activation.ELU, configured("elu", Map.of("alpha", 0.5)), configured("elu", Map.of("alpha", -0.5)),
                Activation.SELU, Activation.GELU, configured("gelu", Map.of("approximate", true)), Activation.SILU,
                Activation.SOFTPLUS, Activation.SOFTSIGN, Activation.HARD_SIGMOID, Activation.EXPONENTIAL,
                configured("relu", Map.of("max_value", 6)), configured("relu", Map.of("negative_slope", 0.1)),
                configured("relu", Map.of("negative_slope", 0.1, "max_value", 6, "threshold", 1)),
                configured("relu", Map.of("threshold", -1)));
    }

    @Test
    void derivativesMatchCentralDifferences() {
        float[] z = {-4.3f, -2.1f, -0.7f, -0.2f, 0.3f, 0.9f, 1.6f, 2.4f, 4.1f, 7.3f};
        for (Activation a : variants()) {
            float[] y = forward(a, z);
            float[] ones = new float[z.length];
            java.util.Arrays.fill(ones, 1f);
            float[] d = new float[z.length];
            a.backward(1, z.length, a.derivativeNeedsInput() ? z : null, 0, y, 0, ones, 0, d, 0);
            for (int i = 0; i < z.length; i++) {
                double h = 1e-3;
                float[] p = forward(a, new float[] {(float) (z[i] + h), (float) (z[i] - h)});
                double numeric = (p[0] - p[1]) / (2 * h);
                assertEquals(numeric, d[i], 2e-3 * Math.max(1, Math.abs(numeric)), a + " at " + z[i]);
            }
        }
    }

    @Test
    void settingsRoundTripAndDefaultsAreTheConstants() {
        for (Activation a : variants()) {
            Object saved = Activation.toConfig(a);
            Activation back = Activation.fromConfig(saved);
            assertEquals(a.config(), back.config(), a.toString());
            assertEquals(a.name(), back.name());
            assertTrue(Activation.isBuiltin(back));
            assertSame(a.getClass(), back.getClass());
        }
        for (Activation a : Activation.allBuiltins()) {
            assertSame(a, Activation.byName(a.name()));
            assertSame(a, a.configure(Map.of()), "empty settings are the defaults: " + a);
            assertEquals(a.name(), Activation.toConfig(a), "a default built-in is saved as its name");
        }
        assertSame(Activation.SILU, Activation.byName("swish"));
        assertSame(Activation.RELU, configured("relu", Map.of("negative_slope", 0, "threshold", 0.0)));
        assertSame(Activation.LEAKY_RELU, configured("leaky_relu", Map.of("negative_slope", 0.2)));
        Activation relu6 = configured("relu", Map.of("max_value", 6));
        assertNotSame(Activation.RELU, relu6);
        assertEquals(Map.of("max_value", 6.0), relu6.config());
        assertEquals("relu{max_value=6.0}", relu6.toString());
        assertEquals(BuiltinFunction.Kind.RELU, Activation.builtinFunction(relu6).kind());
        assertEquals(6f, Activation.builtinFunction(relu6).maxValue());
        assertEquals(0.5f, Activation.builtinFunction(configured("elu", Map.of("alpha", 0.5))).alpha());
        assertTrue(Activation.builtinFunction(configured("gelu", Map.of("approximate", true))).approximate());
        assertFalse(Activation.builtinFunction(Activation.GELU).approximate());
    }

    @Test
    void whichDerivativesNeedTheInput() {
        assertTrue(Activation.GELU.derivativeNeedsInput());
        assertTrue(Activation.SILU.derivativeNeedsInput());
        assertTrue(configured("relu", Map.of("threshold", 1)).derivativeNeedsInput());
        assertTrue(configured("leaky_relu", Map.of("negative_slope", -1)).derivativeNeedsInput());
        for (Activation a : List.of(Activation.LEAKY_RELU, Activation.ELU, Activation.SELU, Activation.SOFTPLUS,
                Activation.SOFTSIGN, Activation.HARD_SIGMOID, Activation.EXPONENTIAL,
                configured("relu", Map.of("max_value", 6, "negative_slope", 0.1)))) {
            assertFalse(a.derivativeNeedsInput(), a.toString());
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> Activation.GELU.backward(1, 1, null, 0, new float[1], 0, new float[1], 0, new float[1], 0));
        assertEquals("Activation 'gelu' needs the pre-activation input for its derivative, got none", e.getMessage());
    }

    @Test
    void badSettingsNameTheSettingAndTheActivation() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> configured("elu", Map.of("slope", 1)));
        assertTrue(unknown.getMessage().contains("Activation 'elu' config") && unknown.getMessage().contains("'slope'"),
                unknown.getMessage());
        var max = assertThrows(IllegalArgumentException.class, () -> configured("relu", Map.of("max_value", -1)));
        assertTrue(max.getMessage().contains("'max_value'"), max.getMessage());
        var type = assertThrows(IllegalArgumentException.class, () -> configured("gelu", Map.of("approximate", "yes")));
        assertTrue(type.getMessage().contains("'approximate'"), type.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> configured("leaky_relu", Map.of("negative_slope", Double.NaN)));
        assertTrue(nan.getMessage().contains("'negative_slope'"), nan.getMessage());
    }
}
