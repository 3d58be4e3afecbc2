package dev.vectornn.models;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/** The progress line's layout: Keras' text, the ASCII bar, and the width rules. Budget: under 1 s. */
class ProgressLineTest {

    private static final Map<String, Double> ACCURACY = Map.of("accuracy", 0.9667);
    private static final long NANOS = 150 * 13_000L;

    private static Map<String, Double> validation() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("val_accuracy", 0.9583);
        v.put("val_loss", 0.0812);
        return v;
    }

    @Test
    void withoutALimitTheLineIsKeras() {
        String line = new ProgressLine(50, 150, true, 0).render(0, 150, NANOS, 0.0312, ACCURACY, Map.of());
        assertEquals("Epoch 1/50 - 150/150 ━━━━━━━━━━━━━━━━━━━━ 0s 13us/step - accuracy: 0.9667 - loss: 0.0312", line);
    }

    @Test
    void theAsciiBarMarksDoneCurrentAndToDo() {
        ProgressLine ascii = new ProgressLine(50, 100, false, 0);
        assertEquals("=====>..............", ascii.bar(25, 20));
        assertEquals("====================", ascii.bar(100, 20));
        assertEquals(">...................", ascii.bar(0, 20));
        assertEquals("━━━━━╺              ", new ProgressLine(50, 100, true, 0).bar(25, 20));
        String line = ascii.render(0, 25, NANOS, 0.5, ACCURACY, Map.of());
        assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(line), line);
    }

    @Test
    void at80ColumnsTheBarShrinksFirst() {
        String line = new ProgressLine(50, 150, true, 80).render(0, 150, NANOS, 0.0312, ACCURACY, Map.of());
        assertEquals("Epoch 1/50 - 150/150 ━━━━━━━━━━━ 0s 13us/step - accuracy: 0.9667 - loss: 0.0312", line);
        assertEquals(79, line.length(), "never the last column, where a terminal wraps");
    }

    @Test
    void narrowerTheBarGoesThenTheTimeThenTheStepTimeThenTheCounter() {
        ProgressLine at = new ProgressLine(50, 150, true, 0);
        String full = at.render(0, 150, NANOS, 0.0312, ACCURACY, Map.of());
        String[] expected = {
                "Epoch 1/50 - 150/150 0s 13us/step - accuracy: 0.9667 - loss: 0.0312",
                "Epoch 1/50 - 150/150 13us/step - accuracy: 0.9667 - loss: 0.0312",
                "Epoch 1/50 - 150/150 - accuracy: 0.9667 - loss: 0.0312",
                "Epoch 1/50 - accuracy: 0.9667 - loss: 0.0312",
                "Epoch 1/50 - loss: 0.0312",
        };
        assertTrue(full.length() > expected[0].length() + 1);
        for (String e : expected) {
            assertEquals(e, new ProgressLine(50, 150, true, e.length() + 1).render(0, 150, NANOS, 0.0312, ACCURACY, Map.of()));
        }
        assertEquals("Epoch 1/5", new ProgressLine(50, 150, true, 10).render(0, 150, NANOS, 0.0312, ACCURACY, Map.of()));
    }

    @Test
    void theBarDoesNotGrowBackBetweenRedraws() {
        ProgressLine line = new ProgressLine(50, 150, true, 80);
        String slow = line.render(0, 75, 150 * 75 * 1_000_000L, 0.0312, ACCURACY, Map.of());
        String fast = line.render(0, 150, NANOS, 0.0312, ACCURACY, Map.of());
        assertEquals(bar(slow), bar(fast), slow + "\n" + fast);
    }

    /** The bar's width: the cells between the step counter and the elapsed time. */
    private static int bar(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/150 ([━╺ ]+) \\d+s ").matcher(line);
        assertTrue(m.find(), line);
        return m.group(1).length();
    }

    @Test
    void validationValuesGoBeforeTheLoss() {
        String line = new ProgressLine(50, 150, false, 60).render(0, 150, NANOS, 0.0312, ACCURACY, validation());
        assertEquals("Epoch 1/50 - accuracy: 0.9667 - loss: 0.0312", line);
    }

    @Test
    void everyLineFitsEveryWidth() {
        Gen<Integer> widths = integers().between(1, 200);
        qt().forAll(widths, integers().between(0, 150)).checkAssert((width, step) -> {
            String line = new ProgressLine(500, 150, true, width).render(498, step, 987_654_321_000L, 1.5e-5, ACCURACY, validation());
            assertTrue(line.length() <= Math.max(1, width - 1), width + ": " + line);
            assertTrue(line.startsWith("Epoch 499/500".substring(0, Math.min(13, line.length()))), line);
        });
    }
}
