package dev.vectornn.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

class JsonTest {

    private static final Path FILE = Path.of("test.safetensors");

    @Test
    void configValuesRoundTripWithTheirTypes() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("units", 16);
        config.put("rate", 0.1);
        config.put("name", "relu \"quoted\" ü");
        config.put("flag", true);
        config.put("nothing", null);
        config.put("list", List.of(1L, 2.5, "x"));
        config.put("nested", Map.of("k", -3));
        Object back = Json.parse(Json.write(config, "config"), FILE, "config");
        Map<String, Object> expected = new LinkedHashMap<>(config);
        expected.put("units", 16L); // whole numbers come back as Long
        expected.put("nested", Map.of("k", -3L));
        assertEquals(expected, back);
        assertEquals(List.copyOf(config.keySet()), List.copyOf(((Map<?, ?>) back).keySet()), "key order is kept");
    }

    @Test
    void everyFiniteDoubleAndEveryLongRoundTripsExactly() {
        qt().withExamples(2000).forAll(doubles().any()).assuming(Double::isFinite).checkAssert(d -> {
            try {
                Object back = Json.parse(Json.write(List.of(d), "d"), FILE, "d");
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) ((List<?>) back).get(0)));
            } catch (ModelFormatException e) {
                throw new AssertionError(e);
            }
        });
        qt().withExamples(2000).forAll(longs().all()).checkAssert(l -> {
            try {
                assertEquals(List.of(l), Json.parse(Json.write(List.of(l), "l"), FILE, "l"));
            } catch (ModelFormatException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void writingRejectsWhatJsonCannotHold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.write(Map.of("rate", Double.NaN), "layer 0"));
        assertTrue(e.getMessage().contains("layer 0.rate is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object()), "layer 1"));
        assertTrue(e.getMessage().contains("layer 1.x is a java.lang.Object"), e.getMessage());
    }

    @Test
    void parsingIsStrict() {
        assertBad("", "is empty");
        assertBad("{\"a\": 1, \"a\": 2}", "Duplicate field 'a'");
        assertBad("{\"a\": 1} x", "not valid JSON");
        assertBad("{\"a\": 1} {}", "text after its JSON value");
        assertBad("{\"a\": 123456789012345678901234567890}", "does not fit a 64-bit integer");
        assertBad("{\"a\": 1e999}", "out of range");
        assertBad("[".repeat(100) + "]".repeat(100), "not valid JSON");
        assertBad("{\"a\": NaN}", "not valid JSON");
    }

    @Test
    void malformedUtf8IsAFormatError() {
        byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Json.parse(bad, FILE, "the header"));
        assertTrue(e.getMessage().startsWith("test.safetensors: the header is not valid JSON"), e.getMessage());
    }

    private static void assertBad(String text, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Json.parse(text.getBytes(StandardCharsets.UTF_8), FILE, "the header"));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
        assertTrue(e.getMessage().startsWith("test.safetensors: the header"), e.getMessage());
    }
}
