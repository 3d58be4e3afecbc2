package dev.vectornn.data.csv;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** {@link Decimal} gives bitwise what {@link Float#parseFloat} gives, and refuses what is not plain decimal. */
class DecimalTest {

    private static float parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Decimal.parse(b, 0, b.length);
    }

    private static void sameAsJava(String s) {
        assertEquals(Float.floatToRawIntBits(Float.parseFloat(s)), Float.floatToRawIntBits(parse(s)), s);
    }

    @Test
    void agreesWithParseFloatOnWorkedCases() {
        for (String s : new String[] {"0", "-0", "+0.0", "5.1", "-3.25", ".5", "1.", "1e3", "1E-3", "-2.5e+7", "16777216",
                "16777217", "0.1", "0.30000001", "123456789012345678901234567890", "1e-45", "3.4028235e38", "1e-50",
                "0.000000000000000000000000000000000000000000001", "9999999999", "1.17549435e-38", "007", "0.0001e4"}) {
            sameAsJava(s);
        }
    }

    @Test
    void agreesWithParseFloatOnShortDecimals() {
        // The fast path: up to 8 significant digits and exponents around zero, where CSV values live.
        qt().forAll(integers().between(-99_999_999, 99_999_999), integers().between(0, 12), integers().between(-14, 14))
                .checkAssert((digits, point, exponent) -> {
                    String d = Integer.toString(Math.abs(digits));
                    int p = Math.min(point, d.length());
                    String text = (digits < 0 ? "-" : "") + d.substring(0, d.length() - p) + "." + d.substring(d.length() - p)
                            + (exponent == 0 ? "" : "e" + exponent);
                    if (text.startsWith(".") || text.startsWith("-.")) {
                        text = text.replace(".", "0.");
                    }
                    sameAsJava(text);
                });
    }

    @Test
    void agreesWithParseFloatOnLongDecimals() {
        // The double path: up to 16 significant digits and exponents up to ±22, including midpoints.
        qt().forAll(longs().between(-9_999_999_999_999_999L, 9_999_999_999_999_999L), integers().between(0, 17),
                integers().between(-25, 25)).checkAssert((digits, point, exponent) -> {
                    String d = Long.toString(Math.abs(digits));
                    int p = Math.min(point, d.length());
                    String text = (digits < 0 ? "-" : "") + "0" + d.substring(0, d.length() - p) + "." + d.substring(d.length() - p);
                    sameAsJava(text); // no exponent: parse's first loop
                    sameAsJava(text + "e" + exponent);
                });
        for (long odd = (1L << 24) + 1; odd < (1L << 24) + 200; odd += 2) {
            sameAsJava(Long.toString(odd)); // exactly halfway between two floats
            sameAsJava(odd + "0e-1");
        }
    }

    @Test
    void agreesWithParseFloatOnAnyFloatPrinted() {
        qt().forAll(floats().any()).assuming(Float::isFinite).checkAssert(f -> sameAsJava(Float.toString(f).replace("E", "e")));
        qt().forAll(longs().all(), integers().between(-40, 40)).checkAssert((m, e) -> sameAsJava(m + "e" + e));
    }

    @Test
    void refusesWhatIsNotPlainDecimal() {
        for (String s : new String[] {"", "+", "-", ".", "e5", "1e", "1e+", "1d", "2f", "0x1p3", "NaN", "Infinity", "1,5",
                "1 2", "--1", "1.2.3", "١"}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertTrue(Float.isNaN(Decimal.parse(b, 0, b.length)), s);
        }
    }
}
