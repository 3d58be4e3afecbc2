package dev.vectornn.models;

import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Layer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Charset and width detection, and the summary table in both character sets. Budget: under 1 s. */
class TerminalTextTest {

    @Test
    void anAsciiOrLatinStreamGetsNoBoxDrawing() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertFalse(TerminalText.unicode(new PrintStream(sink, true, StandardCharsets.US_ASCII)));
        assertFalse(TerminalText.unicode(new PrintStream(sink, true, StandardCharsets.ISO_8859_1)));
        assertTrue(TerminalText.unicode(new PrintStream(sink, true, StandardCharsets.UTF_8)));
        assertEquals(StandardCharsets.US_ASCII, TerminalText.charset(new PrintStream(sink, true, StandardCharsets.US_ASCII)));
    }

    @Test
    void widthComesFromColumnsElseEighty() {
        assertEquals(132, TerminalText.width(Map.of("COLUMNS", "132")));
        assertEquals(80, TerminalText.width(Map.of()));
        assertEquals(80, TerminalText.width(Map.of("COLUMNS", "wide")));
        assertEquals(80, TerminalText.width(Map.of("COLUMNS", "0")));
    }

    private static Network network() {
        List<Layer> layers = List.of(new Dense(16, "relu"), new Dense(3, "softmax"));
        return new Network(layers, 4);
    }

    @Test
    void theSummaryTableIsKerasInUnicodeAndPlainInAscii() {
        String unicode = SummaryTable.layers(network(), true);
        String ascii = SummaryTable.layers(network(), false);
        assertTrue(unicode.contains("┏━━"), unicode);
        assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(ascii), ascii);
        String[] u = unicode.split("\n");
        String[] a = ascii.split("\n");
        assertEquals(u.length, a.length);
        for (int i = 0; i < u.length; i++) {
            assertEquals(u[i].length(), a[i].length(), "line " + i + " keeps its width");
        }
        assertEquals("+" + "=".repeat(32) + "+" + "=".repeat(24) + "+" + "=".repeat(12) + "+", a[1]);
        assertTrue(a[4].startsWith("| dense (Dense(16, relu))"), a[4]);
        assertEquals("+" + "-".repeat(32) + "+" + "-".repeat(24) + "+" + "-".repeat(12) + "+", a[5]);
    }
}
