package dev.vectornn.models;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes each epoch's logs as a row of a CSV file, as Keras 3's {@code keras.callbacks.CSVLogger}
 * ({@code keras/src/callbacks/csv_logger.py}).
 *
 * <pre>{@code
 * new CSVLogger(Path.of("training.log"))              // epoch,accuracy,loss,val_accuracy,val_loss
 * new CSVLogger(Path.of("training.log")).separator(';').append(true)
 * }</pre>
 *
 * <p>The columns are {@code epoch} (from 0, as Keras writes it), then the logs keys of the first
 * epoch in sorted order; if none of them is a {@code val_} key, {@code val_} twins of all of them
 * follow, filled with {@code NA}, as Keras does. Numbers are written as Python's {@code str}
 * writes them ({@code 0.5}, {@code 1e-05}), rows end with {@code \r\n} (Python's {@code csv}
 * default), and the file is flushed after every row, so a crashed run keeps its log. With
 * {@link #append}, rows are added to an existing file and the header is written only if the file
 * is empty. If the file cannot be written, the callback methods throw
 * {@link UncheckedIOException} naming it.
 */
public final class CSVLogger implements Callback {

    private final Path file;
    private char separator = ',';
    private boolean append;

    private BufferedWriter writer;
    private List<String> keys;
    private boolean writeHeader;

    public CSVLogger(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The column separator (default {@code ','}). */
    public CSVLogger separator(char separator) {
        if (separator == '"' || separator == '\r' || separator == '\n') {
            throw new IllegalArgumentException("CSVLogger separator cannot be a quote or a line break, got '" + separator + "'");
        }
        this.separator = separator;
        return this;
    }

    /** Add to the file instead of replacing it (default false). */
    public CSVLogger append(boolean append) {
        this.append = append;
        return this;
    }

    @Override
    public void onTrainBegin(Sequential model) {
        close();
        try {
            writeHeader = !(append && Files.exists(file) && Files.size(file) > 0);
            writer = append
                    ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot open " + file, e);
        }
        keys = null;
    }

    @Override
    public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
        if (writer == null) {
            return;
        }
        if (keys == null) {
            keys = new ArrayList<>(new TreeSet<>(logs.keySet()));
            if (keys.stream().noneMatch(k -> k.startsWith("val_"))) {
                List<String> twins = new ArrayList<>();
                for (String k : keys) {
                    twins.add("val_" + k);
                }
                keys.addAll(twins);
            }
        }
        StringBuilder row = new StringBuilder();
        if (writeHeader) {
            row.append("epoch");
            for (String k : keys) {
                row.append(separator).append(quoted(k));
            }
            row.append("\r\n");
            writeHeader = false;
        }
        row.append(epoch);
        for (String k : keys) {
            Double v = logs.get(k);
            row.append(separator).append(v == null ? "NA" : PythonFormat.repr(v));
        }
        row.append("\r\n");
        try {
            writer.write(row.toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot write to " + file, e);
        }
    }

    @Override
    public void onTrainEnd(Sequential model, History history) {
        close();
    }

    /** A field as Python's csv writes it: quoted only if it holds the separator, a quote or a line break. */
    private String quoted(String field) {
        if (field.indexOf(separator) < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("CSVLogger cannot close " + file, e);
            } finally {
                writer = null;
            }
        }
    }
}
