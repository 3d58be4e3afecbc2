package dev.vectornn.spark;

import dev.vectornn.models.Callback;
import dev.vectornn.models.FitOptions;
import org.apache.spark.api.java.JavaRDD;

import java.io.PrintStream;
import java.util.Objects;

/**
 * How {@link SparkTrainer#fit} trains, the counterpart of {@link dev.vectornn.models.FitOptions}:
 * epochs, global batch size, shuffling, validation data, progress output.
 *
 * <pre>{@code
 * SparkFitOptions.epochs(5).batchSize(4096).validationData(validationRows)
 * }</pre>
 */
public final class SparkFitOptions {

    int epochs;
    int batchSize = 32;
    boolean shuffle = true;
    JavaRDD<float[]> validation;
    int verbose = 1;
    PrintStream out = System.out;
    int treeDepth = 2;
    TaskHook hook = TaskHook.NONE;
    final java.util.List<Callback> callbacks = new java.util.ArrayList<>();
    double divergenceFactor = 10;
    boolean sampleWeighted;
    java.util.LinkedHashMap<Integer, Double> classWeight; // null: none

    private SparkFitOptions(int epochs) {
        this.epochs = epochs;
    }

    /** Train for {@code epochs} epochs, batch size 32, shuffled, no validation, one line per epoch. */
    public static SparkFitOptions epochs(int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        return new SparkFitOptions(epochs);
    }

    /**
     * The global mini-batch: the samples of one optimizer step, summed over all partitions. Each
     * partition contributes in proportion to its size (see {@link SparkTrainer}).
     */
    public SparkFitOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Shuffle each partition's rows before every epoch (default), seeded by the model's seed. */
    public SparkFitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** Evaluate on these rows ({@code features..., targets...}) after each epoch, distributed. */
    public SparkFitOptions validationData(JavaRDD<float[]> rows) {
        this.validation = Objects.requireNonNull(rows, "validation rows");
        return this;
    }

    /** 0: silent; 1 (default): one line per epoch, as {@code fit} prints without a terminal. */
    public SparkFitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        }
        this.verbose = verbose;
        return this;
    }

    /** Where progress goes (default {@code System.out}). */
    public SparkFitOptions out(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        return this;
    }

    /** Depth of the gradient tree aggregation (default 2, as Spark's). */
    public SparkFitOptions treeDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("treeDepth must be at least 1, got " + depth);
        }
        this.treeDepth = depth;
        return this;
    }

    /** For tests: run {@code hook} on the executor before each partition's share of a step. */
    /** Callbacks, as in {@link FitOptions#callbacks}: called on the driver. */
    public SparkFitOptions callbacks(Callback... callbacks) {
        for (Callback c : callbacks) {
            this.callbacks.add(Objects.requireNonNull(c, "callback"));
        }
        return this;
    }

    /** The divergence rule's factor, as {@link FitOptions#divergenceFactor}. */
    public SparkFitOptions divergenceFactor(double factor) {
        FitOptions.defaults().divergenceFactor(factor);
        this.divergenceFactor = factor;
        return this;
    }

    /**
     * Each row ends with its sample weight, after the targets (Keras' {@code sample_weight}), and so
     * does each validation row: weighted as {@code fit}'s {@code sampleWeight} and
     * {@code validationData(x, y, w)} weigh, the loss {@code Σ wᵢ·lossᵢ / rows} and only the
     * {@code weightedMetrics}. A weight must be finite and ≥ 0 (a bad one is named by partition and row).
     */
    public SparkFitOptions sampleWeighted(boolean sampleWeighted) {
        this.sampleWeighted = sampleWeighted;
        return this;
    }

    /**
     * Weighs each training row by its class, as {@link FitOptions#classWeight}: the class of a row
     * is the arg-max of its one-hot targets or its label, an unlisted class weighs 1, and the
     * validation rows are not weighted. Not together with {@link #sampleWeighted(boolean)}.
     */
    public SparkFitOptions classWeight(java.util.Map<Integer, ? extends Number> classWeight) {
        Objects.requireNonNull(classWeight, "classWeight");
        java.util.LinkedHashMap<Integer, Double> copy = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<Integer, ? extends Number> e : classWeight.entrySet()) {
            copy.put(e.getKey(), e.getValue() == null ? Double.NaN : e.getValue().doubleValue());
        }
        this.classWeight = copy;
        return this;
    }

    SparkFitOptions taskHook(TaskHook hook) {
        this.hook = Objects.requireNonNull(hook, "hook");
        return this;
    }
}
