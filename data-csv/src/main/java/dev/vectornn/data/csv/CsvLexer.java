package dev.vectornn.data.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 bytes into the fields of RFC 4180 records, streaming through a fixed buffer.
 *
 * <p>Fields are separated by the delimiter, records by {@code \n}, {@code \r\n} or {@code \r}. A
 * field that starts with {@code "} is quoted: it ends at the next lone {@code "}, a doubled
 * {@code ""} stands for one quote, and it may hold delimiters and line breaks. Unquoted fields are
 * trimmed of spaces and tabs. A UTF-8 byte-order mark at the start is skipped; a line with no
 * characters is no record. Every error is a {@link CsvFormatException} with the line and column
 * (the record's line and the field's 1-based number): an unterminated quote, text after a closing
 * quote, or bytes that are not valid UTF-8.
 *
 * <p>The handler gets each field as a byte range of a buffer that is reused: it must copy what it
 * keeps. Nothing is allocated per field, only when a field is longer than the buffer (it grows).
 */
final class CsvLexer {

    /** Receives the fields of each record. */
    interface Handler {
        /**
         * One field: {@code b[from, to)}, field number {@code column} (0-based) of the record that
         * starts on {@code line}.
         */
        void field(int column, byte[] b, int from, int to, long line);

        /** The end of a record of {@code fields} fields that started on {@code line}. */
        void endRecord(int fields, long line);
    }

    private static final int BUFFER = 1 << 16;
    /** What a byte is to an unquoted field, from {@link #kind}. */
    private static final byte PLAIN = 0;
    private static final byte DELIMITER = 1;
    private static final byte LINE_BREAK = 2;
    private static final byte QUOTE = 3;
    private static final byte NON_ASCII = 4;

    private final InputStream in;
    private final String source;
    private final byte delimiter;
    /** For each byte value: {@link #PLAIN}, {@link #DELIMITER}, {@link #LINE_BREAK}, {@link #QUOTE} or {@link #NON_ASCII}. */
    private final byte[] kind = new byte[256];
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private long line = 1;
    /** Holds a quoted field's text with its doubled quotes undone. */
    private byte[] unquoted = new byte[256];

    CsvLexer(InputStream in, String source, char delimiter) {
        this.in = in; // the delimiter was checked by Csv.delimiter
        this.source = source;
        this.delimiter = (byte) delimiter;
        Arrays.fill(kind, 0x80, 0x100, NON_ASCII);
        kind['\n'] = LINE_BREAK;
        kind['\r'] = LINE_BREAK;
        kind['"'] = QUOTE;
        kind[delimiter] = DELIMITER; // last: a tab or space delimiter is a delimiter, never a blank
    }

    /** Reads every record, handing its fields to {@code handler}. */
    void run(Handler handler) throws IOException {
        fill();
        if (limit - pos >= 3 && (buf[pos] & 0xff) == 0xEF && (buf[pos + 1] & 0xff) == 0xBB && (buf[pos + 2] & 0xff) == 0xBF) {
            pos += 3;
        }
        while (true) {
            if (pos == limit && !fill()) {
                return;
            }
            byte c = buf[pos];
            if (c == '\n' || c == '\r') { // an empty line
                skipLineBreak();
                continue;
            }
            long recordLine = line;
            int column = 0;
            while (true) {
                boolean more = readField(handler, column, recordLine);
                column++;
                if (!more) {
                    break;
                }
            }
            handler.endRecord(column, recordLine);
        }
    }

    /** Reads one field; true if a delimiter follows (another field of this record). */
    private boolean readField(Handler handler, int column, long recordLine) throws IOException {
        // Skip leading blanks (nothing to keep); a quote after them still opens a quoted field.
        while (true) {
            if (pos == limit && !fill()) {
                handler.field(column, buf, pos, pos, recordLine);
                return false;
            }
            byte c = buf[pos];
            if (c != ' ' && c != '\t' || c == delimiter) { // a tab that delimits is no blank: "1\t\t3" has an empty field
                break;
            }
            pos++;
        }
        if (buf[pos] == '"') {
            return readQuoted(handler, column, recordLine);
        }
        // This loop sees nearly every byte of the file: it keeps the buffer, position and limit in
        // locals and asks one table what a byte is, rather than four comparisons and a field write a
        // byte (a few per cent of a read's CPU time, measured on a busy machine).
        int start = pos;
        boolean ascii = true;
        byte[] b = buf;
        byte[] kinds = kind;
        int p = pos;
        int end = limit;
        while (true) {
            if (p == end) {
                pos = p;
                int kept = pos - start;
                boolean more = fillKeeping(start);
                start = pos - kept;
                b = buf;
                p = pos;
                end = limit;
                if (!more) {
                    finishUnquoted(handler, column, start, p, ascii, recordLine);
                    return false;
                }
            }
            byte k = kinds[b[p] & 0xff];
            if (k == PLAIN) {
                p++;
                continue;
            }
            pos = p;
            if (k == DELIMITER) {
                finishUnquoted(handler, column, start, p, ascii, recordLine);
                pos = p + 1;
                return true;
            }
            if (k == LINE_BREAK) {
                finishUnquoted(handler, column, start, p, ascii, recordLine);
                skipLineBreak();
                return false;
            }
            if (k == QUOTE) {
                throw error(recordLine, column, "a quote inside an unquoted field; quote the whole field and double "
                        + "the quotes in it");
            }
            ascii = false; // NON_ASCII: checked as UTF-8 once the field is complete
            p++;
        }
    }

    private void finishUnquoted(Handler handler, int column, int from, int to, boolean ascii, long recordLine) {
        int end = to;
        while (end > from && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
            end--;
        }
        if (!ascii) {
            checkUtf8(buf, from, end, recordLine, column);
        }
        handler.field(column, buf, from, end, recordLine);
    }

    private boolean readQuoted(Handler handler, int column, long recordLine) throws IOException {
        pos++; // the opening quote
        int n = 0;
        boolean ascii = true;
        boolean afterCr = false;
        while (true) {
            if (pos == limit && !fill()) {
                throw error(recordLine, column, "the quote that opens this field is never closed");
            }
            byte c = buf[pos++];
            if (c == '"') {
                if (pos == limit && !fill()) {
                    break;
                }
                if (buf[pos] != '"') {
                    break;
                }
                pos++;
            } else if (c == '\r' || c == '\n' && !afterCr) {
                line++; // a line break inside the field: \r\n counts once
            }
            afterCr = c == '\r';
            if (n == unquoted.length) {
                unquoted = Arrays.copyOf(unquoted, n * 2);
            }
            unquoted[n++] = c;
            ascii &= c >= 0;
        }
        if (!ascii) {
            checkUtf8(unquoted, 0, n, recordLine, column);
        }
        handler.field(column, unquoted, 0, n, recordLine);
        // After the closing quote: blanks, then a delimiter, a line break or the end.
        while (true) {
            if (pos == limit && !fill()) {
                return false;
            }
            byte c = buf[pos];
            if (c == delimiter) { // before the blanks: a tab may delimit
                pos++;
                return true;
            } else if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\n' || c == '\r') {
                skipLineBreak();
                return false;
            } else {
                throw error(recordLine, column, "text after the closing quote of the field");
            }
        }
    }

    /** Consumes one line break ({@code \n}, {@code \r\n} or {@code \r}) at {@code pos}. */
    private void skipLineBreak() throws IOException {
        byte c = buf[pos++];
        if (c == '\r' && (pos < limit || fill()) && buf[pos] == '\n') {
            pos++;
        }
        line++;
    }

    private void checkUtf8(byte[] b, int from, int to, long recordLine, int column) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from));
        } catch (CharacterCodingException e) {
            throw error(recordLine, column, "the bytes are not valid UTF-8 (the file must be UTF-8)");
        }
    }

    private CsvFormatException error(long recordLine, int column, String problem) {
        return new CsvFormatException(source, recordLine, column, problem);
    }

    /** Refills the empty buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        return fillKeeping(pos);
    }

    /**
     * Moves {@code buf[keep, limit)} to the front, growing the buffer if it is full, and reads more
     * after it; {@code pos} keeps pointing at the same byte. False at the end of the input.
     */
    private boolean fillKeeping(int keep) throws IOException {
        if (eof) {
            return false;
        }
        int kept = limit - keep;
        if (kept == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        } else if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, kept);
        }
        pos -= keep;
        limit = kept;
        int r = in.read(buf, limit, buf.length - limit);
        while (r == 0) {
            r = in.read(buf, limit, buf.length - limit);
        }
        if (r < 0) {
            eof = true;
            return false;
        }
        limit += r;
        return true;
    }
}
