package dev.vectornn.data.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a CSV file of numeric feature columns and one optional label column, pandas'
 * {@code read_csv} for the common case.
 *
 * <pre>{@code
 * LabeledData iris = Csv.read(Path.of("iris.csv")).label(4).load();      // no header, last column the species
 * LabeledData d = Csv.read(path).header(true).features(0, 2).label(5).load();
 * }</pre>
 *
 * Every row must have the same number of fields; every feature cell must be a finite number.
 * Anything else fails with a {@link CsvFormatException} naming the file, the line and the column:
 * nothing is skipped silently. Empty lines are ignored.
 */
public final class Csv {

    private final String source;
    private final ReaderSupplier open;
    private boolean header;
    private int labelColumn = -1;
    private int[] featureColumns;
    private char delimiter = ',';

    @FunctionalInterface
    private interface ReaderSupplier {
        Reader open() throws IOException;
    }

    private Csv(String source, ReaderSupplier open) {
        this.source = source;
        this.open = open;
    }

    /** A file. */
    public static Csv read(Path path) {
        Objects.requireNonNull(path, "path");
        return new Csv(path.toString(), () -> Files.newBufferedReader(path, StandardCharsets.UTF_8));
    }

    /** A stream (e.g. a class-path resource), called {@code name} in messages. The stream is closed by {@link #load()}. */
    public static Csv read(InputStream in, String name) {
        Objects.requireNonNull(in, () -> "no input for " + name);
        return new Csv(name, () -> new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Whether the first line holds column names (default false). */
    public Csv header(boolean header) {
        this.header = header;
        return this;
    }

    /** The 0-based column holding the label; every other column is a feature unless {@link #features} says otherwise. */
    public Csv label(int column) {
        if (column < 0) {
            throw new IllegalArgumentException("label column must be ≥ 0, got " + column);
        }
        this.labelColumn = column;
        return this;
    }

    /** The 0-based feature columns, in the order wanted. */
    public Csv features(int... columns) {
        for (int c : columns) {
            if (c < 0) {
                throw new IllegalArgumentException("feature column must be ≥ 0, got " + c);
            }
        }
        this.featureColumns = columns.clone();
        return this;
    }

    /** The field separator (default ','). */
    public Csv delimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    /**
     * Reads the whole file.
     *
     * @throws CsvFormatException   if a row is malformed (file, line and column named)
     * @throws UncheckedIOException if the file cannot be read
     */
    public LabeledData load() {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        List<float[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int width = -1;
        int[] features = featureColumns;
        try (Reader reader = open.open(); CSVParser parser = CSVParser.parse(reader, format)) {
            long line = 0;
            for (CSVRecord record : parser) {
                line = lineOf(parser, record, line);
                if (width < 0) {
                    width = record.size();
                    if (features == null) {
                        features = allBut(width, labelColumn);
                    }
                    checkColumns(features, width, line);
                    if (header) {
                        for (int c : features) {
                            names.add(record.get(c));
                        }
                        continue;
                    }
                    for (int c : features) {
                        names.add("column" + c);
                    }
                }
                if (record.size() != width) {
                    throw new CsvFormatException(source, line, -1, "expected " + width + " fields like the first row, found "
                            + record.size());
                }
                float[] row = new float[features.length];
                for (int i = 0; i < features.length; i++) {
                    row[i] = number(record.get(features[i]), line, features[i]);
                }
                rows.add(row);
                if (labelColumn >= 0) {
                    String label = record.get(labelColumn);
                    if (label.isEmpty()) {
                        throw new CsvFormatException(source, line, labelColumn, "the label is empty");
                    }
                    labels.add(label);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            if (e instanceof CsvFormatException c) {
                throw c;
            }
            throw new CsvFormatException(source, -1, -1, "not valid CSV: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(source, 1, -1, "the file holds no data rows");
        }
        return new LabeledData(rows.toArray(float[][]::new), labels, names);
    }

    /** The 1-based line a record started on (records never span lines in numeric data). */
    private static long lineOf(CSVParser parser, CSVRecord record, long previous) {
        long current = parser.getCurrentLineNumber();
        // After a record the parser has consumed its line break, except on a last line without one.
        return Math.max(previous + 1, current);
    }

    private void checkColumns(int[] features, int width, long line) {
        if (labelColumn >= width) {
            throw new CsvFormatException(source, line, labelColumn, "the label column does not exist: rows have "
                    + width + " fields");
        }
        for (int c : features) {
            if (c >= width) {
                throw new CsvFormatException(source, line, c, "the feature column does not exist: rows have " + width + " fields");
            }
            if (c == labelColumn) {
                throw new IllegalArgumentException("column " + c + " cannot be both a feature and the label");
            }
        }
    }

    private static int[] allBut(int width, int label) {
        int[] cols = new int[label >= 0 && label < width ? width - 1 : width];
        int k = 0;
        for (int c = 0; c < width; c++) {
            if (c != label) {
                cols[k++] = c;
            }
        }
        return cols;
    }

    private float number(String cell, long line, int column) {
        if (cell.isEmpty()) {
            throw new CsvFormatException(source, line, column, "the value is missing");
        }
        float v;
        try {
            v = Float.parseFloat(cell);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(source, line, column, "'" + cell + "' is not a number");
        }
        if (!Float.isFinite(v)) {
            throw new CsvFormatException(source, line, column, "'" + cell + "' is not a finite number");
        }
        return v;
    }
}
