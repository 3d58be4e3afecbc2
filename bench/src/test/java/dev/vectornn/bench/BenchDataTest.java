package dev.vectornn.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchDataTest {

    @Test
    void irisHasTheLecturesRowsAndThreeClasses() {
        IrisRows iris = IrisRows.load();
        assertEquals(150, iris.x().length);
        assertEquals(150, iris.y().length);
        int[] perClass = new int[3];
        for (int r = 0; r < 150; r++) {
            assertEquals(4, iris.x()[r].length);
            assertEquals(3, iris.y()[r].length);
            float sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += iris.y()[r][c];
                if (iris.y()[r][c] == 1f) {
                    perClass[c]++;
                }
            }
            assertEquals(1f, sum, "row " + r + " is not one-hot");
        }
        assertArrayEquals(new int[]{50, 50, 50}, perClass);
        assertArrayEquals(new float[]{5.1f, 3.5f, 1.4f, 0.2f}, iris.x()[0]);
    }

    @Test
    void uniformIsDeterministicAndInRange() {
        float[] a = BenchData.uniform(1000, 5, -2f, 3f);
        assertArrayEquals(a, BenchData.uniform(1000, 5, -2f, 3f));
        for (float v : a) {
            assertTrue(v >= -2f && v < 3f, "out of range: " + v);
        }
    }

    @Test
    void shapesParseAndBadOnesAreNamed() {
        assertArrayEquals(new int[]{128, 784, 512}, BenchData.shape("128x784x512", 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchData.shape("128x0", 2));
        assertTrue(e.getMessage().contains("128x0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchData.shape("4x16", 3));
    }
}
