package dev.vectornn.data.csv;

import java.util.Arrays;

/**
 * The feature values of a read, row-major in fixed blocks of whole rows rather than an array per
 * row: a {@code float[]} per row costs a 16-byte header and a 4-byte reference besides its
 * {@code 4·cols} bytes of values, which at 4 columns is more than the values themselves. A block
 * holds about {@value #BLOCK_FLOATS} floats (256 KiB), so its own header and reference are
 * negligible, and blocks are never copied as the read grows; only the last one is cut to the rows
 * it holds when the read ends.
 */
final class FeatureBlocks {

    /**
     * Floats a block aims at: large enough that a block's header does not count, small enough not
     * to be a humongous object for G1 (half a region or more), which would waste the region's rest.
     */
    static final int BLOCK_FLOATS = 1 << 16;

    private final int cols;
    /** Rows in each block: a block never splits a row. */
    private final int blockRows;
    private float[][] blocks = new float[16][];
    private int rows;

    FeatureBlocks(int cols) {
        if (cols <= 0) {
            throw new IllegalArgumentException("a row needs at least one feature, got " + cols);
        }
        this.cols = cols;
        this.blockRows = Math.max(1, BLOCK_FLOATS / cols);
    }

    int cols() {
        return cols;
    }

    int rows() {
        return rows;
    }

    /**
     * The block that the next row goes into, its offset found by {@link #nextOffset()}: the caller
     * writes the row's {@code cols} values there and then calls {@link #endRow()}.
     */
    float[] nextBlock() {
        int b = rows / blockRows;
        if (b == blocks.length) {
            blocks = Arrays.copyOf(blocks, b * 2); // the index only: one reference per block
        }
        float[] block = blocks[b];
        if (block == null) {
            block = new float[blockRows * cols];
            blocks[b] = block;
        }
        return block;
    }

    /** Where the next row starts in {@link #nextBlock()}. */
    int nextOffset() {
        return rows % blockRows * cols;
    }

    /** The row written at {@link #nextOffset()} is complete. */
    void endRow() {
        rows++;
    }

    /** Cuts the last block to the rows it holds, so a read keeps no unused capacity; call once, at the end. */
    void trim() {
        if (rows == 0) {
            return;
        }
        int last = (rows - 1) / blockRows;
        int used = (rows - last * blockRows) * cols;
        if (blocks[last].length != used) {
            blocks[last] = Arrays.copyOf(blocks[last], used);
        }
        if (blocks.length != last + 1) {
            blocks = Arrays.copyOf(blocks, last + 1);
        }
    }

    /** Copies the values of rows {@code [from, to)} row-major into {@code dst} from {@code offset}. */
    void copy(int from, int to, float[] dst, int offset) {
        int r = from;
        while (r < to) {
            int b = r / blockRows;
            int inBlock = r - b * blockRows;
            int n = Math.min(to - r, blockRows - inBlock);
            System.arraycopy(blocks[b], inBlock * cols, dst, offset, n * cols);
            offset += n * cols;
            r += n;
        }
    }

    /**
     * The rows as one {@code float[]} each. Every block is let go once its rows are copied, so the
     * peak is the rows' size plus one block, not the rows plus all the blocks; this object is
     * empty afterwards.
     */
    float[][] toRows() {
        float[][] out = new float[rows][];
        for (int r = 0, b = 0; r < rows; b++) {
            float[] block = blocks[b];
            for (int at = 0; at < block.length && r < rows; at += cols) {
                out[r++] = Arrays.copyOfRange(block, at, at + cols);
            }
            blocks[b] = null;
        }
        blocks = new float[0][];
        rows = 0;
        return out;
    }
}
