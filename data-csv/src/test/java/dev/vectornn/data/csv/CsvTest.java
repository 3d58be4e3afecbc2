package dev.vectornn.data.csv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    private static Csv csv(String text) {
        return Csv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.csv");
    }

    @Test
    void readsFeaturesAndLabelWithoutHeader() {
        LabeledData d = csv("5.1,3.5,1.4,0.2,Iris-setosa\n7.0,3.2,4.7,1.4,Iris-versicolor\n").label(4).load();
        assertEquals(2, d.size());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, d.features()[0]);
        assertEquals(List.of("Iris-setosa", "Iris-versicolor"), d.labels());
        assertEquals(List.of("column0", "column1", "column2", "column3"), d.featureNames());
    }

    @Test
    void headerAndColumnSelection(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "a,b,label,c\n1,2,x,3\n\n4,5,y,6\n");
        LabeledData d = Csv.read(f).header(true).features(3, 0).label(2).load();
        assertEquals(List.of("c", "a"), d.featureNames());
        assertArrayEquals(new float[] {6, 4}, d.features()[1]);
        assertEquals(List.of("x", "y"), d.labels());
    }

    @Test
    void aNonNumberNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "1,2,a\n3,4,b\n5,oops,c\n");
        var e = assertThrows(CsvFormatException.class, () -> Csv.read(f).label(2).load());
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().startsWith(f.toString() + ", line 3, column 2: 'oops' is not a number"), e.getMessage());
    }

    @Test
    void aShortRowIsRejectedNotSkipped() {
        var e = assertThrows(CsvFormatException.class, () -> csv("1,2,a\n3,b\n5,6,c\n").label(2).load());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("expected 3 fields like the first row, found 2"), e.getMessage());
    }

    @Test
    void missingValuesAndInfinitiesAreRejected() {
        var missing = assertThrows(CsvFormatException.class, () -> csv("1,2,a\n,4,b\n").label(2).load());
        assertTrue(missing.getMessage().contains("line 2, column 1: the value is missing"), missing.getMessage());
        var inf = assertThrows(CsvFormatException.class, () -> csv("1,Infinity,a\n").label(2).load());
        assertTrue(inf.getMessage().contains("not a finite number"), inf.getMessage());
        var nan = assertThrows(CsvFormatException.class, () -> csv("NaN,1,a\n").label(2).load());
        assertTrue(nan.getMessage().contains("line 1, column 1"), nan.getMessage());
    }

    @Test
    void emptyFileAndMissingLabelColumn() {
        assertThrows(CsvFormatException.class, () -> csv("").label(0).load());
        var e = assertThrows(CsvFormatException.class, () -> csv("1,2\n").label(5).load());
        assertTrue(e.getMessage().contains("label column does not exist"), e.getMessage());
    }

    @Test
    void missingFileIsAnIoErrorNamingIt(@TempDir Path dir) {
        Path f = dir.resolve("nope.csv");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> Csv.read(f).load());
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }
}
