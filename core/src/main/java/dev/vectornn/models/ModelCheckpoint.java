package dev.vectornn.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Saves the model after each epoch, or only when a monitored value improves, as Keras 3's
 * {@code keras.callbacks.ModelCheckpoint} ({@code keras/src/callbacks/model_checkpoint.py}).
 *
 * <pre>{@code
 * new ModelCheckpoint("checkpoints/model-{epoch:02d}-{val_loss:.4f}.vnn")
 * new ModelCheckpoint("best.vnn").monitor("val_accuracy").saveBestOnly(true)
 * }</pre>
 *
 * <p>The file name is a Python format string filled, as Keras fills it, with {@code epoch}
 * (counted from 1) and every logs key of the epoch ({@code loss}, {@code val_loss},
 * {@code accuracy}, {@code learning_rate} ...): {@code {epoch}}, {@code {epoch:02d}},
 * {@code {val_loss:.4f}}, {@code {loss:.2e}}. A name that asks for a key the logs lack is refused
 * at the end of the first epoch, naming the keys there are.
 *
 * <p>Each save goes through {@link Sequential#save}: the whole model (architecture, weights,
 * optimizer state, random state) is written to a temporary file and moved over the target, so a
 * crash leaves the previous checkpoint intact and no temporary file behind. Missing folders are
 * created. With {@link #saveBestOnly} the model is saved only when the monitored value beats the
 * best so far (the first epoch always does); {@code mode} follows the rules of
 * {@link EarlyStopping}. Only {@code save_freq="epoch"} is supported. A failed save throws
 * {@link UncheckedIOException} from {@code onEpochEnd}, naming the epoch and the file.
 */
public final class ModelCheckpoint implements Callback {

    private final String filepath;
    private String monitor = "val_loss";
    private String mode = "auto";
    private boolean saveBestOnly;
    private Double initialValueThreshold;

    private Monitor watch;
    private double best;
    private boolean seen;
    private Path lastSaved;

    /** Saves to {@code filepath}, a file name that may hold {@code {epoch}} and logs fields. */
    public ModelCheckpoint(String filepath) {
        Objects.requireNonNull(filepath, "filepath");
        if (filepath.isBlank()) {
            throw new IllegalArgumentException("ModelCheckpoint filepath must not be empty");
        }
        this.filepath = filepath;
        this.watch = Monitor.of("ModelCheckpoint", monitor, mode, 0);
    }

    /** The logs key that decides the best model (default {@code "val_loss"}). */
    public ModelCheckpoint monitor(String monitor) {
        this.watch = Monitor.of("ModelCheckpoint", monitor, mode, 0);
        this.monitor = monitor;
        return this;
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}. */
    public ModelCheckpoint mode(String mode) {
        this.watch = Monitor.of("ModelCheckpoint", monitor, mode, 0);
        this.mode = mode;
        return this;
    }

    /** Save only when the monitored value improves on the best so far (default false: every epoch). */
    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    /** With {@link #saveBestOnly}, the value to beat before the first save (default none). */
    public ModelCheckpoint initialValueThreshold(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("ModelCheckpoint initial_value_threshold must be a number, got NaN");
        }
        this.initialValueThreshold = threshold;
        return this;
    }

    /**
     * How often to save: only {@code "epoch"} (Keras' default) is supported.
     *
     * @throws IllegalArgumentException for anything else
     */
    public ModelCheckpoint saveFreq(String saveFreq) {
        if (!"epoch".equals(saveFreq)) {
            throw new IllegalArgumentException("ModelCheckpoint save_freq must be \"epoch\" (saving every N batches is not supported), got "
                    + saveFreq);
        }
        return this;
    }

    /** The file written last in this {@code fit}, or null if none was. */
    public Path lastSaved() {
        return lastSaved;
    }

    @Override
    public void onTrainBegin(Sequential model) {
        seen = initialValueThreshold != null;
        best = seen ? initialValueThreshold : watch.worst();
        lastSaved = null;
    }

    @Override
    public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
        Map<String, Number> fields = new LinkedHashMap<>(logs);
        fields.put("epoch", epoch + 1);
        Path target = Path.of(PythonFormat.format("ModelCheckpoint", filepath, fields));
        if (saveBestOnly) {
            double current = watch.read("ModelCheckpoint", logs);
            if (seen && !watch.improves(current, best)) {
                return;
            }
            seen = true;
            best = current;
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            model.save(target);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not save epoch " + (epoch + 1) + " to " + target, e);
        }
        lastSaved = target;
    }
}
