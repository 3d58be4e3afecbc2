package dev.vectornn.data.csv;

/** A CSV file that does not have the expected shape or content; the message names file, line and column. */
public final class CsvFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final int column;

    public CsvFormatException(String source, long line, int column, String problem) {
        super(source + ", line " + line + (column >= 0 ? ", column " + (column + 1) : "") + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file (or resource) name. */
    public String source() {
        return source;
    }

    /** 1-based line number in the file. */
    public long line() {
        return line;
    }

    /** 0-based column index, or -1 when the whole line is at fault. */
    public int column() {
        return column;
    }
}
