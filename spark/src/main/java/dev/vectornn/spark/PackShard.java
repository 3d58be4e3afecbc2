package dev.vectornn.spark;

import org.apache.spark.api.java.function.Function2;

import java.io.Serial;
import java.util.Iterator;
import java.util.List;

/**
 * Packs a partition of rows ({@code features..., targets...}, then a sample weight if the rows are
 * weighted) into one {@link Shard}, checking every row's width and values so that a bad row is
 * named (partition and row) before training.
 */
final class PackShard implements Function2<Integer, Iterator<float[]>, Iterator<Shard>> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int inputWidth;
    private final int targetWidth;
    private final String what;
    private final boolean weighted;

    PackShard(int inputWidth, int targetWidth, String what, boolean weighted) {
        this.inputWidth = inputWidth;
        this.targetWidth = targetWidth;
        this.what = what;
        this.weighted = weighted;
    }

    @Override
    public Iterator<Shard> call(Integer partition, Iterator<float[]> rows) {
        int width = inputWidth + targetWidth + (weighted ? 1 : 0);
        FloatBuffer x = new FloatBuffer();
        FloatBuffer y = new FloatBuffer();
        FloatBuffer w = weighted ? new FloatBuffer() : null;
        int n = 0;
        while (rows.hasNext()) {
            float[] row = rows.next();
            if (row == null || row.length != width) {
                throw new IllegalArgumentException(what + ": row " + n + " of partition " + partition + " has "
                        + (row == null ? "no values (null)" : row.length + " values") + "; the model needs " + width
                        + " per row (" + inputWidth + " features then " + targetWidth + " target values"
                        + (weighted ? ", then the sample weight" : "") + ")");
            }
            for (int i = 0; i < width; i++) {
                if (!Float.isFinite(row[i])) {
                    throw new IllegalArgumentException(what + ": row " + n + " of partition " + partition + " has "
                            + row[i] + " at column " + i + "; every value must be finite");
                }
            }
            x.add(row, 0, inputWidth);
            y.add(row, inputWidth, targetWidth);
            if (weighted) {
                if (row[width - 1] < 0) {
                    throw new IllegalArgumentException(what + ": row " + n + " of partition " + partition + " has the sample "
                            + "weight " + row[width - 1] + " (column " + (width - 1) + "); sample weights must be ≥ 0");
                }
                w.add(row, width - 1, 1);
            }
            n++;
        }
        return List.of(new Shard(partition, n, inputWidth, targetWidth, x.toArray(), y.toArray(),
                weighted ? w.toArray() : null)).iterator();
    }

    /** A growable float array, to pack a partition without boxing. */
    private static final class FloatBuffer {
        private float[] data = new float[1024];
        private int size;

        void add(float[] src, int from, int count) {
            if (size + count > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(size + count, data.length * 2));
            }
            System.arraycopy(src, from, data, size, count);
            size += count;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
