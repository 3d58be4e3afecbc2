package dev.vectornn.data.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <h2>What is accepted</h2>
 * UTF-8 text (a byte-order mark at the start is skipped) in the RFC 4180 layout: fields separated
 * by the delimiter, records by {@code \n}, {@code \r\n} or {@code \r}, fields optionally in double
 * quotes (then {@code ""} is a quote, and delimiters and line breaks may appear inside). Spaces and
 * tabs around a field are ignored; lines with no characters are skipped. Every record must have
 * as many fields as the first. A feature cell must be a plain decimal number,
 * {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}, within the float range:
 * {@code NaN}, {@code Infinity}, hexadecimal and Java's {@code 1d}/{@code 2f} are refused, as is an
 * empty cell. Labels are kept as text and must not be empty. At least one feature column is needed,
 * and a feature column may be chosen only once.
 *
 * <h2>Errors</h2>
 * Anything else fails with a {@link CsvFormatException} naming the file, the line and the column,
 * both counted from 1 (the API's column indexes, as in {@link #label(int)}, count from 0, as
 * pandas' do), and quoting at most 80 characters of the cell: nothing is skipped silently. A
 * file that cannot be read is an {@link UncheckedIOException} naming it.
 *
 * <h2>Resources</h2>
 * The file is streamed through a 64 KiB buffer (it grows only for a longer cell), and nothing is
 * boxed or made per cell. The result keeps {@code rows × (4·cols + 1)} bytes: the floats
 * row-major in blocks of 256 KiB (a block's header and reference, 20 bytes, are under 0.01 %),
 * and a one-byte code per row into the distinct labels (four bytes beyond 256 distinct labels),
 * plus the distinct labels themselves. A read allocates besides only the buffer, the last block's
 * copy cut to the rows it holds (at most 256 KiB) and the blocks' index: under 0.5 MiB in all.
 * Against the parsed float data ({@code rows·cols·4} bytes), a read with at most 256 distinct
 * labels keeps 1.07× at 4 feature columns (iris' shape), 1.03× at 10 and 1.25× at one: within
 * issue #13's 1.5× at any width, peak included. Beyond 256 distinct labels a code takes four
 * bytes: 1.25× at 4 columns, 2× at one. {@code CsvMemoryTest} measures what a read keeps and
 * allocates at 4 and 10 columns, and {@code CsvPeakHeapTest} reads an iris-shaped file in a JVM
 * whose whole heap is 1.5× its float data.
 * These figures hold while the rows stay in the blocks: {@link LabeledData#features()} builds an
 * array per row, {@code 4·cols + 20} bytes a row, and its {@code features(from, to)} and
 * {@code copyFeatures} take rows out without that.
 */
public final class Csv {

    private final String source;
    private final Path path;
    private final InputStream stream;
    private boolean header;
    private int labelColumn = -1;
    private int[] featureColumns;
    private char delimiter = ',';

    private Csv(String source, Path path, InputStream stream) {
        this.source = source;
        this.path = path;
        this.stream = stream;
    }

    /** A file. */
    public static Csv read(Path path) {
        Objects.requireNonNull(path, "path");
        return new Csv(path.toString(), path, null);
    }

    /** A stream (e.g. a class-path resource), called {@code name} in messages. The stream is closed by {@link #load()}. */
    public static Csv read(InputStream in, String name) {
        Objects.requireNonNull(in, () -> "no input for " + name);
        return new Csv(name, null, in);
    }

    /** Whether the first line holds column names (default false). */
    public Csv header(boolean header) {
        this.header = header;
        return this;
    }

    /** The 0-based column holding the label; every other column is a feature unless {@link #features} says otherwise. */
    public Csv label(int column) {
        if (column < 0) {
            throw new IllegalArgumentException("label column index must be ≥ 0, got " + column);
        }
        this.labelColumn = column;
        return this;
    }

    /** The 0-based feature columns, in the order wanted; each at most once. */
    public Csv features(int... columns) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0) {
                throw new IllegalArgumentException("feature column index must be ≥ 0, got " + columns[i]);
            }
            for (int j = 0; j < i; j++) {
                if (columns[j] == columns[i]) {
                    throw new IllegalArgumentException("feature column index " + columns[i] + " (column "
                            + (columns[i] + 1) + ") is chosen twice");
                }
            }
        }
        this.featureColumns = columns.clone();
        return this;
    }

    /** The field separator (default ','): an ASCII character other than a quote or a line break. */
    public Csv delimiter(char delimiter) {
        if (delimiter >= 0x80 || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter must be an ASCII character other than a quote or a line "
                    + "break, got '" + delimiter + "'");
        }
        this.delimiter = delimiter;
        return this;
    }

    /**
     * Reads the whole file.
     *
     * @throws CsvFormatException   if the file is malformed (file, line and column named)
     * @throws UncheckedIOException if the file cannot be read
     */
    public LabeledData load() {
        if (path != null && Files.isDirectory(path)) {
            throw new CsvFormatException(source, 1, 0, "this is a directory, not a CSV file");
        }
        RowCollector rows = new RowCollector(source, header, labelColumn, featureColumns);
        try (InputStream in = path != null ? Files.newInputStream(path) : stream) {
            new CsvLexer(in, source, delimiter).run(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        return rows.result();
    }
}
