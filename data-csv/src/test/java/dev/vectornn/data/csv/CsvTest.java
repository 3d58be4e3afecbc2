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
        assertTrue(e.getMessage().startsWith(f.toString() + ", line 3, column 2: 'oops' is not a plain decimal number"), e.getMessage());
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
        assertTrue(inf.getMessage().contains("line 1, column 2: 'Infinity' is not a plain decimal number"), inf.getMessage());
        var big = assertThrows(CsvFormatException.class, () -> csv("1,1e39,a\n").label(2).load());
        assertTrue(big.getMessage().contains("line 1, column 2: '1e39' is beyond the float range"), big.getMessage());
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
    void aByteOrderMarkIsSkipped() {
        LabeledData d = Csv.read(new ByteArrayInputStream(bytes("\uFEFFname,x\na,1\nb,2\n")), "bom.csv")
                .header(true).label(0).load();
        assertEquals(List.of("x"), d.featureNames());
        assertEquals(List.of("a", "b"), d.labels());
        LabeledData noHeader = Csv.read(new ByteArrayInputStream(bytes("\uFEFFa,1\n")), "bom.csv").label(0).load();
        assertEquals(List.of("a"), noHeader.labels());
    }

    @Test
    void quotedFieldsFollowRfc4180() {
        LabeledData d = csv("\"1.5\",\"a, \"\"b\"\"\"\r\n2,\"two\nlines\"\r\n3,c").label(1).load();
        assertEquals(List.of("a, \"b\"", "two\nlines", "c"), d.labels());
        assertArrayEquals(new float[] {3}, d.features()[2]);
        var e = assertThrows(CsvFormatException.class, () -> csv("1,a\n2,b\n3,\"c\n4,d\n").label(1).load());
        assertEquals("test.csv, line 3, column 2: the quote that opens this field is never closed", e.getMessage());
        var after = assertThrows(CsvFormatException.class, () -> csv("1,\"a\"x\n").label(1).load());
        assertEquals("test.csv, line 1, column 2: text after the closing quote of the field", after.getMessage());
        var line = assertThrows(CsvFormatException.class, () -> csv("1,\"a\nb\"\nx,c\n").label(1).load());
        assertEquals(3, line.line(), "lines inside a quoted field count");
    }

    @Test
    void aTabDelimiterIsNeverTakenForABlank() {
        LabeledData d = csv("1\t \"x\"\t2\n3\t\"y\"\t 4 \n").delimiter('\t').label(1).load();
        assertEquals(List.of("x", "y"), d.labels());
        assertArrayEquals(new float[] {3, 4}, d.features()[1]);
        var empty = assertThrows(CsvFormatException.class, () -> csv("1\ta\t2\n3\t\t4\n").delimiter('\t').label(1).load());
        assertEquals("test.csv, line 2, column 2: the label is empty", empty.getMessage());
    }

    @Test
    void invalidUtf8IsNamedWithLineAndColumn() {
        byte[] b = {'1', ',', 'a', '\n', '2', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        var e = assertThrows(CsvFormatException.class, () -> Csv.read(new ByteArrayInputStream(b), "bad.csv").label(1).load());
        assertEquals("bad.csv, line 2, column 2: the bytes are not valid UTF-8 (the file must be UTF-8)", e.getMessage());
    }

    @Test
    void javaNumberSyntaxIsRefused() {
        for (String cell : new String[] {"1d", "2f", "0x1p3", "1_000", "NaN", "+Infinity"}) {
            var e = assertThrows(CsvFormatException.class, () -> csv("0," + cell + "\n").load(), cell);
            assertTrue(e.getMessage().contains("line 1, column 2: '" + cell + "' is not a plain decimal number"), e.getMessage());
        }
    }

    @Test
    void duplicateFeatureColumnsAndLabelOnlyFilesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> csv("1,2\n").features(0, 0));
        var names = assertThrows(CsvFormatException.class, () -> csv("a,b,a\n1,2,3\n").header(true).load());
        assertTrue(names.getMessage().contains("line 1, column 3: the feature name 'a' is also the name of column 1"),
                names.getMessage());
        var labelOnly = assertThrows(CsvFormatException.class, () -> csv("x\ny\n").label(0).load());
        assertTrue(labelOnly.getMessage().contains("no feature columns"), labelOnly.getMessage());
        var both = assertThrows(CsvFormatException.class, () -> csv("1,2\n").features(0, 1).label(1).load());
        assertTrue(both.getMessage().contains("column 2: this column cannot be both a feature and the label"), both.getMessage());
    }

    @Test
    void aHugeCellIsQuotedShort() {
        String cell = "x".repeat(5_000_000);
        var e = assertThrows(CsvFormatException.class, () -> csv("1," + cell + "\n").load());
        assertTrue(e.getMessage().length() < 300, () -> "message of " + e.getMessage().length() + " characters");
    }

    @Test
    void rowLengthErrorsNameTheColumn() {
        var longer = assertThrows(CsvFormatException.class, () -> csv("1,2\n3,4,5\n").load());
        assertEquals("test.csv, line 2, column 3: expected 2 fields like the first row, found more", longer.getMessage());
        var shorter = assertThrows(CsvFormatException.class, () -> csv("1,2,3\n4,5\n").load());
        assertEquals("test.csv, line 2, column 3: expected 3 fields like the first row, found 2", shorter.getMessage());
    }

    @Test
    void aDirectoryIsNamedAsSuch(@TempDir Path dir) {
        var e = assertThrows(CsvFormatException.class, () -> Csv.read(dir).load());
        assertEquals(dir + ", line 1, column 1: this is a directory, not a CSV file", e.getMessage());
    }

    @Test
    void fieldsLongerThanTheBufferAndManyRowsStream() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            sb.append(i).append(".5,").append(-i).append("e-3,").append(i % 3 == 0 ? "a" : "b".repeat(i % 7 + 1)).append('\n');
        }
        sb.append("1,2,").append("c".repeat(200_000)).append('\n');
        LabeledData d = csv(sb.toString()).label(2).load();
        assertEquals(30_001, d.size());
        assertArrayEquals(new float[] {29_999.5f, -29.999f}, d.features()[29_999]);
        assertEquals(200_000, d.labels().get(30_000).length());
        assertTrue(d.labels().get(0) == d.labels().get(3), "a label that repeats is one shared string");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void missingFileIsAnIoErrorNamingIt(@TempDir Path dir) {
        Path f = dir.resolve("nope.csv");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> Csv.read(f).load());
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }
}
