package dev.vectornn.spark;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small seeded data and models shared by the Spark tests. */
final class TestData {

    static final int FEATURES = 3;
    static final int CLASSES = 3;

    final float[][] x;
    final float[][] y;

    /** {@code n} samples of three Gaussian blobs in 3-D, labels as class indices (sparse). */
    TestData(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        x = new float[n][FEATURES];
        y = new float[n][1];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(CLASSES);
            for (int f = 0; f < FEATURES; f++) {
                x[i][f] = (float) ((f == c ? 2.0 : 0.0) + r.nextGaussian() * 0.7);
            }
            y[i][0] = c;
        }
    }

    /** Rows as the trainer takes them: features then the label. */
    List<float[]> rows() {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            float[] row = new float[FEATURES + 1];
            System.arraycopy(x[i], 0, row, 0, FEATURES);
            row[FEATURES] = y[i][0];
            rows.add(row);
        }
        return rows;
    }

    static Sequential model(long seed, String optimizer) {
        Sequential m = new Sequential(new Dense(8, "relu").inputDim(FEATURES), new Dense(CLASSES, "softmax"));
        m.seed(seed);
        m.compile("sparse_categorical_crossentropy", optimizer, "accuracy");
        return m;
    }
}
