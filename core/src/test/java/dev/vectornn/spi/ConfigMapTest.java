package dev.vectornn.spi;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigMapTest {

    private static ConfigMap of(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return ConfigMap.of("Test config", m);
    }

    private static void fails(Runnable r, String says) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(says), () -> "'" + e.getMessage() + "' should say '" + says + "'");
    }

    @Test
    void wholeNumbersAreAcceptedAsLongIntegerOrWholeDouble() {
        assertEquals(16, of("units", 16L).getInt("units", 1, 100));
        assertEquals(16, of("units", 16).getInt("units", 1, 100));
        assertEquals(16, of("units", 16.0).getInt("units", 1, 100));
        assertEquals(1L << 40, of("n", 1L << 40).getLong("n", 0, Long.MAX_VALUE));
        assertEquals(7, of().getInt("units", 7, 1, 100));
        fails(() -> of("units", 16.5).getInt("units", 1, 100), "Test config 'units' must be a whole number, got 16.5 (Double)");
        fails(() -> of("units", 1L << 32).getInt("units", 1, Integer.MAX_VALUE), "must be in [1, 2147483647], got 4294967296");
        fails(() -> of("units", "16").getInt("units", 1, 100), "must be a whole number, got '16' (String)");
    }

    @Test
    void numbersStringsAndBooleansAreChecked() {
        assertEquals(0.5, of("rate", 0.5f).getDouble("rate", 0, 1));
        assertEquals(1.0, of("rate", 1L).getDouble("rate", 0, 1));
        fails(() -> of("rate", Double.NaN).getDouble("rate", 0, 1), "must be a finite number, got NaN");
        fails(() -> of("rate", 2.0).getDouble("rate", 0, 1), "must be in [0.0, 1.0], got 2.0");
        assertEquals("relu", of("a", "relu").getString("a"));
        assertEquals("linear", of().getString("a", "linear"));
        fails(() -> of("a", 7).getString("a"), "must be a string, got 7 (Integer)");
        assertTrue(of("b", true).getBoolean("b"));
        assertFalse(of().getBoolean("b", false));
        fails(() -> of("b", "yes").getBoolean("b"), "must be true or false, got 'yes' (String)");
    }

    @Test
    void unknownAndMissingKeysAreNamed() {
        fails(() -> of("activaton", "relu").checkKeys("units", "activation"),
                "Test config has the unknown key 'activaton'; known keys: [activation, units]");
        fails(() -> of("activation", "relu").getInt("units", 1, 10), "Test config is missing the required key 'units'");
        fails(() -> ConfigMap.of("Test config", null), "Test config is null");
        assertTrue(of("units", null).asMap().containsKey("units"));
        assertFalse(of("units", null).has("units"));
    }

    @Test
    void quotesAreShort() {
        String huge = "x".repeat(5_000_000);
        fails(() -> of(huge, 1).checkKeys("units"), "…(5000002 characters)");
        assertTrue(ConfigMap.quote(huge).length() < ConfigMap.QUOTE_LIMIT + 40);
    }
}
