package dev.vectornn.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lecture's maths on an ASCII-only standard output (LANG unset). Budget: under 1 s. */
class PlainTextTest {

    @Test
    void aUtf8StreamIsUsedAsItIs() {
        PrintStream utf8 = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertSame(utf8, PlainText.forCharset(utf8, StandardCharsets.UTF_8));
    }

    @Test
    void everyMathsCharacterHasAnAsciiStandIn() {
        assertEquals("E = 1/2 sum (y_t - y_o)^2, w - eta*dE/dw, y = sigmoid(net), delta3",
                PlainText.ascii("E = ½ Σ (y_t − y_o)², w − η·dE/dw, y = σ(net), δ3"));
    }

    private static String printedInAscii(java.util.function.Consumer<PrintStream> example) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ascii = new PrintStream(bytes, true, StandardCharsets.US_ASCII);
        example.accept(PlainText.forCharset(ascii, StandardCharsets.US_ASCII));
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void backpropAndSoftmaxPrintNoQuestionMarksInAscii() {
        String backprop = printedInAscii(out -> new Backprop().run(out));
        assertFalse(backprop.contains("?"), backprop);
        assertTrue(backprop.contains("learning rate eta = 0.5"), backprop);
        assertTrue(backprop.contains("E = 1/2 sum (y_t - y_o)^2"), backprop);
        String softmax = printedInAscii(out -> new Softmax().run(out));
        assertFalse(softmax.contains("?"), softmax);
        assertTrue(softmax.contains("p_i = exp(z_i) / sum_j exp(z_j)"), softmax);
    }
}
