package dev.vectornn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded train/test split, optionally stratified so each class keeps its share in both parts
 * (scikit-learn's {@code train_test_split(..., stratify=y)}).
 *
 * @param trainIndices rows of the training part, in shuffled order
 * @param testIndices  rows of the test part
 */
public record Split(int[] trainIndices, int[] testIndices) {

    /**
     * Splits {@code n} rows, {@code testFraction} of them (rounded, at least 1 and at most n − 1) to test.
     */
    public static Split random(int n, double testFraction, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("Need at least 2 rows to split, got " + n);
        }
        return stratified(new int[n], testFraction, seed);
    }

    /**
     * Splits rows by class: from each class {@code round(testFraction · classSize)} rows go to test.
     *
     * @param labels the class of each row
     */
    public static Split stratified(int[] labels, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        if (labels == null) {
            throw new IllegalArgumentException("labels is null");
        }
        if (labels.length < 2) {
            throw new IllegalArgumentException("Need at least 2 rows to split, got " + labels.length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byClass.values()) {
            shuffle(rows, random);
            int t = (int) Math.round(rows.size() * testFraction);
            test.addAll(rows.subList(0, t));
            train.addAll(rows.subList(t, rows.size()));
        }
        if (test.isEmpty() || train.isEmpty()) {
            throw new IllegalArgumentException("testFraction " + testFraction + " of " + labels.length
                    + " rows leaves one part empty");
        }
        shuffle(train, random);
        shuffle(test, random);
        return new Split(train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void shuffle(List<Integer> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** The rows of {@code data} at {@code indices}, as a new array of the same row objects. */
    public static float[][] take(float[][] data, int[] indices) {
        checkTake(data == null ? -1 : data.length, indices);
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = data[indices[i]];
        }
        return out;
    }

    /** The values of {@code data} at {@code indices}. */
    public static int[] take(int[] data, int[] indices) {
        checkTake(data == null ? -1 : data.length, indices);
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = data[indices[i]];
        }
        return out;
    }

    private static void checkTake(int rows, int[] indices) {
        if (rows < 0 || indices == null) {
            throw new IllegalArgumentException("take needs data and indices, got " + (rows < 0 ? "null data" : "null indices"));
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= rows) {
                throw new IllegalArgumentException("index " + i + " is " + indices[i] + ", not in [0, " + rows + ") (the data has "
                        + rows + " rows)");
            }
        }
    }
}
