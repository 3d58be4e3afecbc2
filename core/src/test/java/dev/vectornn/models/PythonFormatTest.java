package dev.vectornn.models;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PythonFormat} against what CPython 3 prints for the same values: {@code repr(1e-05)} is
 * {@code '1e-05'}, {@code "{epoch:02d}-{val_loss:.4f}".format(epoch=3, val_loss=0.123456)} is
 * {@code '03-0.1235'} (each expected string below is the Python result).
 */
class PythonFormatTest {

    @Test
    void reprAsPython() {
        assertEquals("0.1", PythonFormat.repr(0.1));
        assertEquals("2.0", PythonFormat.repr(2.0));
        assertEquals("-0.5", PythonFormat.repr(-0.5));
        assertEquals("0.0001", PythonFormat.repr(0.0001));
        assertEquals("1e-05", PythonFormat.repr(1e-05));
        assertEquals("1.5e-07", PythonFormat.repr(1.5e-7));
        assertEquals("1234.5", PythonFormat.repr(1234.5));
        assertEquals("123456789012345.0", PythonFormat.repr(123456789012345.0));
        assertEquals("1e+16", PythonFormat.repr(1e16));
        assertEquals("0.010000000000000002", PythonFormat.repr(0.1 * 0.1));
        assertEquals("0.0", PythonFormat.repr(0.0));
        assertEquals("nan", PythonFormat.repr(Double.NaN));
        assertEquals("-inf", PythonFormat.repr(Double.NEGATIVE_INFINITY));
    }

    @Test
    void formatFieldsAsStrFormat() {
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("epoch", 3);
        v.put("val_loss", 0.123456);
        v.put("loss", 0.000123);
        v.put("acc", 0.25);
        assertEquals("03-0.1235", PythonFormat.format("t", "{epoch:02d}-{val_loss:.4f}", v));
        assertEquals("3 0.123456", PythonFormat.format("t", "{epoch} {val_loss}", v));
        assertEquals("1.23e-04", PythonFormat.format("t", "{loss:.2e}", v));
        assertEquals("0.000123", PythonFormat.format("t", "{loss:.3g}", v));
        assertEquals("25.0%", PythonFormat.format("t", "{acc:.1%}", v));
        assertEquals("{epoch}-3", PythonFormat.format("t", "{{epoch}}-{epoch}", v));
        assertEquals("   3", PythonFormat.format("t", "{epoch:4d}", v));
    }

    @Test
    void refusesWhatItCannotFill() {
        Map<String, Number> v = Map.of("epoch", 1, "loss", 0.5);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> PythonFormat.format("t", "{val_loss}", v));
        assertTrue(missing.getMessage().contains("{val_loss}"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PythonFormat.format("t", "{epoch", v));
        assertThrows(IllegalArgumentException.class, () -> PythonFormat.format("t", "{loss:d}", v));
        assertThrows(IllegalArgumentException.class, () -> PythonFormat.format("t", "{loss:>8s}", v));
    }
}
