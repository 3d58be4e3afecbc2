package dev.vectornn.data.csv;

import java.util.Arrays;

/**
 * The rows read so far, kept in fixed chunks of references rather than a growing list: a chunk is
 * never copied while the file is read, so collecting {@code n} rows costs {@code 4n} bytes of
 * references (with compressed oops), and {@link #toArray()} another {@code 4n} for the exact-size
 * result. A list that grows by half its size would allocate about {@code 12n}, and the copies of
 * its last growth and of {@code toArray} would be alive together.
 */
final class RowChunks {

    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private float[][][] chunks = new float[16][][];
    private int size;

    void add(float[] row) {
        int chunk = size >>> SHIFT;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2); // the index only: one reference per 4096 rows
        }
        if (chunks[chunk] == null) {
            chunks[chunk] = new float[CHUNK][];
        }
        chunks[chunk][size & MASK] = row;
        size++;
    }

    int size() {
        return size;
    }

    /** The rows in the order added; the chunks are let go, so call this once, at the end. */
    float[][] toArray() {
        float[][] out = new float[size][];
        for (int c = 0, at = 0; at < size; c++, at += CHUNK) {
            System.arraycopy(chunks[c], 0, out, at, Math.min(CHUNK, size - at));
            chunks[c] = null;
        }
        size = 0;
        return out;
    }
}
