package dev.vectornn.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataPreparationTest {

    private static final List<String> SPECIES = List.of("Iris-virginica", "Iris-setosa", "Iris-versicolor", "Iris-setosa");

    @Test
    void labelEncoderSortsClassesLikeScikitLearn() {
        LabelEncoder e = LabelEncoder.fit(SPECIES);
        assertEquals(List.of("Iris-setosa", "Iris-versicolor", "Iris-virginica"), e.classes());
        assertArrayEquals(new int[] {2, 0, 1, 0}, e.transform(SPECIES));
        assertEquals(SPECIES, e.inverseTransform(e.transform(SPECIES)));
        assertArrayEquals(new int[] {2, 0, 1, 0}, LabelEncoder.fitTransform(SPECIES));
    }

    @Test
    void labelEncoderNamesAnUnknownLabelAndItsPosition() {
        LabelEncoder e = LabelEncoder.fit(SPECIES);
        var ex = assertThrows(IllegalArgumentException.class, () -> e.transform(List.of("Iris-setosa", "Iris-germanica")));
        assertTrue(ex.getMessage().contains("label 1 'Iris-germanica'"), ex.getMessage());
    }

    @Test
    void oneHotMatchesKerasToCategorical() {
        float[][] y = OneHot.toCategorical(new int[] {2, 0, 1});
        assertArrayEquals(new float[] {0, 0, 1}, y[0]);
        assertArrayEquals(new float[] {1, 0, 0}, y[1]);
        assertArrayEquals(new float[] {0, 1, 0}, y[2]);
        var ex = assertThrows(IllegalArgumentException.class, () -> OneHot.toCategorical(new int[] {0, 3}, 3));
        assertTrue(ex.getMessage().contains("label 1 is 3"), ex.getMessage());
    }

    @Test
    void stratifiedSplitKeepsClassSharesAndIsSeeded() {
        int[] labels = new int[150];
        for (int i = 0; i < 150; i++) {
            labels[i] = i / 50;
        }
        Split s = Split.stratified(labels, 0.2, 7);
        assertEquals(30, s.testIndices().length);
        assertEquals(120, s.trainIndices().length);
        int[] perClass = new int[3];
        for (int i : s.testIndices()) {
            perClass[labels[i]]++;
        }
        assertArrayEquals(new int[] {10, 10, 10}, perClass);
        int[] all = new int[150];
        for (int i : s.trainIndices()) {
            all[i]++;
        }
        for (int i : s.testIndices()) {
            all[i]++;
        }
        assertTrue(Arrays.stream(all).allMatch(c -> c == 1), "every row in exactly one part");
        Split again = Split.stratified(labels, 0.2, 7);
        assertArrayEquals(s.testIndices(), again.testIndices());
        assertArrayEquals(s.trainIndices(), again.trainIndices());
    }

    @Test
    void scalers() {
        float[][] x = {{1, 10}, {3, 10}, {5, 10}};
        StandardScaler st = StandardScaler.fit(x);
        float[][] z = st.transform(x);
        assertEquals(-1.2247449f, z[0][0], 1e-6f);
        assertEquals(0f, z[1][0], 1e-6f);
        assertEquals(0f, z[2][1], 0f, "a constant column is centred, not divided by zero");
        float[][] m = MinMaxScaler.fit(x).transform(x);
        assertEquals(0f, m[0][0]);
        assertEquals(0.5f, m[1][0]);
        assertEquals(1f, m[2][0]);
        var ex = assertThrows(IllegalArgumentException.class, () -> st.transform(new float[][] {{1}}));
        assertTrue(ex.getMessage().contains("row 0 has 1 values, expected 2"), ex.getMessage());
    }
}
