package dev.vectornn.data.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the lexer's fields into feature rows and labels: checks the column choice against the
 * first record, parses feature cells as plain decimals and keeps one string per distinct label.
 */
final class RowCollector implements CsvLexer.Handler {

    /** At most this many characters of a bad cell are quoted in a message. */
    static final int QUOTE_LIMIT = 80;
    /** The most rows a read holds: row indexes are ints, and arrays of them stop short of 2^31. */
    static final int MAX_ROWS = Integer.MAX_VALUE - 8;

    private final String source;
    private final boolean header;
    private final int labelColumn;
    private int[] featureColumns;

    private int width = -1;
    /** For each column: its place among the features, or -1. */
    private int[] featureSlot;
    private final List<String> firstRecord = new ArrayList<>();
    /** Created once the first record says how many features a row has. */
    private FeatureBlocks rows;
    private final LabelColumn labels = new LabelColumn();
    private static final int RECENT = 16;
    private final byte[][] recentBytes = new byte[RECENT][];
    private final int[] recentCodes = new int[RECENT];
    private int recentCount;
    private List<String> names;
    /** The block the current record's features go into, at {@code rowAt}; null between records. */
    private float[] row;
    private int rowAt;
    /** The label code of the current record, or -1. */
    private int label = -1;
    private long lastLine;
    /** A bad cell of the current record, reported once the record is known to have the right length. */
    private CsvFormatException pending;

    RowCollector(String source, boolean header, int labelColumn, int[] featureColumns) {
        this.source = source;
        this.header = header;
        this.labelColumn = labelColumn;
        this.featureColumns = featureColumns;
    }

    @Override
    public void field(int column, byte[] b, int from, int to, long line) {
        if (width < 0) {
            firstRecord.add(new String(b, from, to - from, StandardCharsets.UTF_8));
            return;
        }
        if (column >= width) {
            throw new CsvFormatException(source, line, column, "expected " + width + " fields like the first row, found more");
        }
        if (row == null) {
            row = rows.nextBlock();
            rowAt = rows.nextOffset();
        }
        if (pending != null) {
            return;
        }
        try {
            int slot = featureSlot[column];
            if (slot >= 0) {
                row[rowAt + slot] = number(b, from, to, line, column);
            } else if (column == labelColumn) {
                label = label(b, from, to, line, column);
            }
        } catch (CsvFormatException e) {
            pending = e; // a short row is the clearer error, if this row is one
        }
    }

    @Override
    public void endRecord(int fields, long line) {
        lastLine = line;
        if (width < 0) {
            firstRecord(line);
            return;
        }
        if (fields != width) {
            throw new CsvFormatException(source, line, fields, "expected " + width + " fields like the first row, found "
                    + fields);
        }
        if (pending != null) {
            throw pending;
        }
        if (row == null) { // cannot happen: a record has at least one field, and the first record checked the width
            throw new IllegalStateException("a record of " + fields + " fields set no feature");
        }
        if (rows.rows() == MAX_ROWS) {
            throw new CsvFormatException(source, line, 0, "more than " + MAX_ROWS + " data rows, which is as many as one "
                    + "read holds; split the file");
        }
        rows.endRow();
        if (labelColumn >= 0) {
            labels.addCode(label);
        }
        row = null;
        label = -1;
    }

    LabeledData result() {
        if (width < 0 || rows.rows() == 0) {
            throw new CsvFormatException(source, Math.max(1, lastLine), 0, "the file holds no data rows");
        }
        rows.trim();
        return new LabeledData(rows, labelColumn >= 0 ? labels : List.of(), names);
    }

    private void firstRecord(long line) {
        width = firstRecord.size();
        if (labelColumn >= width) {
            throw new CsvFormatException(source, line, labelColumn, "the label column does not exist: rows have "
                    + width + " fields");
        }
        if (featureColumns == null) {
            featureColumns = allBut(width, labelColumn);
        }
        if (featureColumns.length == 0) {
            throw new CsvFormatException(source, line, 0, "no feature columns: rows have " + width + " field(s)"
                    + (labelColumn >= 0 ? " and column " + (labelColumn + 1) + " is the label" : ""));
        }
        rows = new FeatureBlocks(featureColumns.length);
        featureSlot = new int[width];
        Arrays.fill(featureSlot, -1);
        for (int i = 0; i < featureColumns.length; i++) {
            int c = featureColumns[i];
            if (c >= width) {
                throw new CsvFormatException(source, line, c, "the feature column does not exist: rows have " + width + " fields");
            }
            if (c == labelColumn) {
                throw new CsvFormatException(source, line, c, "this column cannot be both a feature and the label");
            }
            featureSlot[c] = i;
        }
        names = new ArrayList<>();
        for (int c : featureColumns) {
            names.add(header ? firstRecord.get(c) : "column" + c);
        }
        if (header) {
            checkDistinctNames(line);
            firstRecord.clear();
            return;
        }
        // No header: the first record is data.
        for (int c = 0; c < width; c++) {
            byte[] b = firstRecord.get(c).getBytes(StandardCharsets.UTF_8);
            field(c, b, 0, b.length, line);
        }
        firstRecord.clear();
        endRecord(width, line);
    }

    private void checkDistinctNames(long line) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < featureColumns.length; i++) {
            Integer before = seen.putIfAbsent(names.get(i), featureColumns[i]);
            if (before != null) {
                throw new CsvFormatException(source, line, featureColumns[i], "the feature name " + quote(names.get(i))
                        + " is also the name of column " + (before + 1) + "; feature columns must be distinct");
            }
        }
    }

    private float number(byte[] b, int from, int to, long line, int column) {
        if (from == to) {
            throw new CsvFormatException(source, line, column, "the value is missing");
        }
        float v = Decimal.parse(b, from, to);
        if (Float.isNaN(v)) {
            throw new CsvFormatException(source, line, column, quote(b, from, to)
                    + " is not a plain decimal number ([+-]digits[.digits][e[+-]digits]; no NaN or Infinity)");
        }
        if (Float.isInfinite(v)) {
            throw new CsvFormatException(source, line, column, quote(b, from, to) + " is beyond the float range (±3.4e38)");
        }
        return v;
    }

    private int label(byte[] b, int from, int to, long line, int column) {
        if (from == to) {
            throw new CsvFormatException(source, line, column, "the label is empty");
        }
        // Labels are usually a few classes repeated: find the bytes among the first distinct ones
        // without making a string, so a row costs no label allocation.
        for (int i = 0; i < recentCount; i++) {
            byte[] r = recentBytes[i];
            if (Arrays.equals(r, 0, r.length, b, from, to)) {
                return recentCodes[i];
            }
        }
        int before = labels.distinctCount();
        int code = labels.codeOf(new String(b, from, to - from, StandardCharsets.UTF_8));
        if (code == before && recentCount < RECENT) {
            recentBytes[recentCount] = Arrays.copyOfRange(b, from, to);
            recentCodes[recentCount++] = code;
        }
        return code;
    }

    private static String quote(byte[] b, int from, int to) {
        return quote(new String(b, from, Math.min(to - from, 4 * QUOTE_LIMIT), StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        return s.length() <= QUOTE_LIMIT ? "'" + s + "'" : "'" + s.substring(0, QUOTE_LIMIT) + "…' (cut)";
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
}
