package dev.vectornn.data.csv;

import java.util.List;
import java.util.Objects;

/**
 * Numeric features and string labels read from a file.
 *
 * <p>A {@link Csv#load() read} keeps its features row-major in a few large blocks of floats, not
 * in an array per row: at 4 columns an array per row would cost more than the values themselves
 * (a 16-byte header and a 4-byte reference against 16 bytes of floats). They can be taken out
 * in three ways:
 * <ul>
 *   <li>{@link #copyFeatures(int, int, float[], int)}: rows into a flat row-major array, the
 *       layout the model keeps internally and {@code Sequential.accumulateGradients} takes;
 *       allocates nothing;</li>
 *   <li>{@link #features(int, int)}: a slice of rows as {@code float[][]}, to predict or train
 *       ({@code Sequential.trainOnBatch}) batch by batch with memory bounded by the batch;</li>
 *   <li>{@link #features()}: every row as {@code float[][]}, what {@code Sequential.fit} takes.
 *       The first call builds it, at {@code 4·cols + 20} bytes a row, and releases the blocks as
 *       it goes; later calls return the same array.</li>
 * </ul>
 *
 * <p>Predicting a large file batch by batch, so that only one batch is ever a {@code float[][]}:
 * <pre>{@code
 * LabeledData d = Csv.read(path).label(4).load();
 * for (int from = 0; from < d.size(); from += 4096) {
 *     float[][] p = model.predict(d.features(from, Math.min(d.size(), from + 4096)));
 *     ...
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe. This was a record before its features were kept in blocks; its
 * constructor and accessors are unchanged.
 */
public final class LabeledData {

    private final List<String> labels;
    private final List<String> featureNames;
    private final int featureCount;
    // Final where they can be, so that the data is seen whole even by a thread that got this
    // object through a race, as it was while this was a record.
    /** The read's blocks (emptied once {@link #features()} has built rows from them), or null. */
    private final FeatureBlocks blocks;
    /** The rows given to the public constructor, or null. */
    private final float[][] given;
    /** The rows {@link #features()} built from the blocks, or null until then; guarded by this. */
    private float[][] built;
    private final int size;

    /**
     * Data from rows already in memory.
     *
     * @param features     one row per sample, each of {@code featureNames.size()} values; kept, not copied
     * @param labels       one label per sample, or empty for none; copied unless it is a read's own
     * @param featureNames the names of the feature columns
     * @throws NullPointerException     if an argument, a row or a name is null
     * @throws IllegalArgumentException if a row does not have one value per feature name, or
     *                                  labels are given but not one per row
     */
    public LabeledData(float[][] features, List<String> labels, List<String> featureNames) {
        this(Objects.requireNonNull(features, "features"), null, features.length, labels, featureNames);
        for (int r = 0; r < features.length; r++) {
            if (features[r] == null) {
                throw new NullPointerException("features row " + r + " is null");
            }
            if (features[r].length != featureCount) {
                throw new IllegalArgumentException("features row " + r + " has " + features[r].length + " values, but there are "
                        + featureCount + " feature names");
            }
        }
    }

    /** A read's data, kept in {@code blocks}. */
    LabeledData(FeatureBlocks blocks, List<String> labels, List<String> featureNames) {
        this(null, blocks, blocks.rows(), labels, featureNames);
    }

    private LabeledData(float[][] rows, FeatureBlocks blocks, int size, List<String> labels, List<String> featureNames) {
        // A read's own label column is already unmodifiable and one byte a row; a copy would add
        // a four-byte reference a row.
        this.labels = labels instanceof LabelColumn ? labels : List.copyOf(labels);
        this.featureNames = List.copyOf(featureNames);
        this.featureCount = this.featureNames.size();
        this.given = rows;
        this.blocks = blocks;
        this.size = size;
        if (!this.labels.isEmpty() && this.labels.size() != size) {
            throw new IllegalArgumentException(this.labels.size() + " labels for " + size
                    + " rows: give one label per row, or none");
        }
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Number of feature columns: the values in each row. */
    public int featureCount() {
        return featureCount;
    }

    /**
     * Every row, {@code size() × featureCount()}. For a read, the first call builds the rows from
     * the blocks ({@code 4·featureCount() + 20} bytes a row with compressed references) and lets
     * the blocks go; every call returns that same array, so changes to it are seen by the other
     * accessors. To stay within the read's memory, use {@link #features(int, int)} or
     * {@link #copyFeatures(int, int, float[], int)} instead.
     */
    public synchronized float[][] features() {
        if (given != null) {
            return given;
        }
        if (built == null) {
            built = blocks.toRows();
        }
        return built;
    }

    /**
     * Rows {@code [from, to)} as new arrays, one per row.
     *
     * @throws IndexOutOfBoundsException if {@code 0 ≤ from ≤ to ≤ size()} does not hold
     */
    public synchronized float[][] features(int from, int to) {
        checkRange(from, to);
        float[][] out = new float[to - from][];
        for (int r = from; r < to; r++) {
            float[] row = new float[featureCount];
            copy(r, r + 1, row, 0);
            out[r - from] = row;
        }
        return out;
    }

    /**
     * Copies rows {@code [from, to)} row-major into {@code dst}, starting at {@code offset}: value
     * {@code c} of row {@code r} goes to {@code dst[offset + (r - from)·featureCount() + c]}.
     * Allocates nothing.
     *
     * @throws IndexOutOfBoundsException if {@code 0 ≤ from ≤ to ≤ size()} does not hold or
     *                                   {@code dst} has no room for the rows from {@code offset}
     */
    public synchronized void copyFeatures(int from, int to, float[] dst, int offset) {
        checkRange(from, to);
        long values = (long) (to - from) * featureCount;
        if (offset < 0 || offset > dst.length || values > dst.length - offset) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + to + " are " + values + " values, which do not fit in "
                    + "an array of " + dst.length + " from offset " + offset);
        }
        copy(from, to, dst, offset);
    }

    /** The labels, one per sample (empty when no label column was chosen); unmodifiable. */
    public List<String> labels() {
        return labels;
    }

    /** The header names of the feature columns, or {@code column0 ...} without a header; unmodifiable. */
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public String toString() {
        return "LabeledData[" + size + " rows, features " + featureNames + (labels.isEmpty() ? ", no labels" : ", labelled")
                + "]";
    }

    private void copy(int from, int to, float[] dst, int offset) {
        float[][] rows = given != null ? given : built;
        if (rows == null) {
            blocks.copy(from, to, dst, offset);
            return;
        }
        for (int r = from; r < to; r++, offset += featureCount) {
            System.arraycopy(rows[r], 0, dst, offset, featureCount);
        }
    }

    private void checkRange(int from, int to) {
        if (from < 0 || from > to || to > size) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + to + " are not within 0.." + size);
        }
    }
}
