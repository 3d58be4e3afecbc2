package dev.vectornn.data.csv;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The three ways out of a read's feature blocks agree with each other and with the file, across block boundaries. */
class LabeledDataTest {

    /** 3 columns: {@value FeatureBlocks#BLOCK_FLOATS} / 3 rows a block, so 50,000 rows fill two blocks and part of a third. */
    private static final int COLS = 3;
    private static final int ROWS = 50_000;

    private static float value(int row, int col) {
        return row * 4 + col + 0.25f * (col - 1);
    }

    private static LabeledData read() {
        StringBuilder csv = new StringBuilder();
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                csv.append(value(r, c)).append(',');
            }
            csv.append(r % 2 == 0 ? "even" : "odd").append('\n');
        }
        return Csv.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "blocks.csv")
                .label(COLS).load();
    }

    @Test
    void slicesCopiesAndAllRowsAgreeAcrossBlockBoundaries() {
        LabeledData d = read();
        assertEquals(ROWS, d.size());
        assertEquals(COLS, d.featureCount());
        int blockRows = FeatureBlocks.BLOCK_FLOATS / COLS;
        // Ranges that start, end and cross at the blocks' edges, the empty range and the whole file.
        int[][] ranges = {{0, 0}, {0, 1}, {blockRows - 1, blockRows + 1}, {blockRows, 2 * blockRows},
                          {1, 2 * blockRows + 5}, {ROWS - 1, ROWS}, {0, ROWS}};
        for (int[] range : ranges) {
            int from = range[0];
            int to = range[1];
            float[] flat = new float[(to - from) * COLS + 2];
            flat[0] = -1;
            flat[flat.length - 1] = -1;
            d.copyFeatures(from, to, flat, 1);
            assertEquals(-1, flat[0], "nothing before the offset is written");
            assertEquals(-1, flat[flat.length - 1], "nothing after the rows is written");
            float[][] slice = d.features(from, to);
            assertEquals(to - from, slice.length);
            for (int r = from; r < to; r++) {
                float[] expected = {value(r, 0), value(r, 1), value(r, 2)};
                assertArrayEquals(expected, slice[r - from], "row " + r + " of slice " + Arrays.toString(range));
                assertArrayEquals(expected, Arrays.copyOfRange(flat, 1 + (r - from) * COLS, 1 + (r - from + 1) * COLS),
                        "row " + r + " of copy " + Arrays.toString(range));
            }
        }
        float[][] all = d.features();
        assertSame(all, d.features(), "all rows are built once");
        for (int r = 0; r < ROWS; r++) {
            assertArrayEquals(new float[] {value(r, 0), value(r, 1), value(r, 2)}, all[r], "row " + r);
        }
        assertEquals("odd", d.labels().get(ROWS - 1));
        // Once built, the rows are the data: a change shows in slices and copies too.
        all[blockRows][1] = -7;
        assertEquals(-7, d.features(blockRows, blockRows + 1)[0][1]);
        float[] one = new float[COLS];
        d.copyFeatures(blockRows, blockRows + 1, one, 0);
        assertEquals(-7, one[1]);
    }

    @Test
    void badRangesAndShortDestinationsAreRefused() {
        LabeledData d = Csv.read(new ByteArrayInputStream("1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)), "t.csv").load();
        assertThrows(IndexOutOfBoundsException.class, () -> d.features(1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> d.features(0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> d.copyFeatures(-1, 1, new float[4], 0));
        var e = assertThrows(IndexOutOfBoundsException.class, () -> d.copyFeatures(0, 2, new float[4], 1));
        assertEquals("rows 0..2 are 4 values, which do not fit in an array of 4 from offset 1", e.getMessage());
    }

    @Test
    void thePublicConstructorChecksTheRowsAgainstTheNames() {
        LabeledData d = new LabeledData(new float[][] {{1, 2}, {3, 4}}, List.of("a", "b"), List.of("x", "y"));
        assertEquals(2, d.featureCount());
        float[] flat = new float[4];
        d.copyFeatures(0, 2, flat, 0);
        assertArrayEquals(new float[] {1, 2, 3, 4}, flat);
        var width = assertThrows(IllegalArgumentException.class,
                () -> new LabeledData(new float[][] {{1, 2}, {3}}, List.of(), List.of("x", "y")));
        assertEquals("features row 1 has 1 values, but there are 2 feature names", width.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new LabeledData(new float[][] {{1, 2}}, List.of("a", "b"), List.of("x", "y")));
    }
}
