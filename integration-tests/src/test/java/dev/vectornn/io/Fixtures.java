package dev.vectornn.io;

import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.losses.Losses;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Optimizer;

import java.util.SplittableRandom;

/** Small models and data for the persistence tests. */
final class Fixtures {

    static final int FEATURES = 4;
    static final int CLASSES = 3;

    private Fixtures() {
    }

    /** Three noisy clusters in 4 dimensions, one-hot labels: {@code [x, y]}. */
    static float[][][] blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][FEATURES];
        float[][] y = new float[n][CLASSES];
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = (float) ((j % CLASSES == c ? 1.5 : -0.5) + r.nextGaussian() * 0.6);
            }
            y[i][c] = 1f;
        }
        return new float[][][] {x, y};
    }

    /** 4 → gain → dense 16 relu → dropout 0.2 → dense 3 softmax, compiled with categorical cross-entropy. */
    static Sequential model(Optimizer optimizer, long seed) {
        Sequential m = new Sequential();
        m.input(FEATURES);
        m.add(new GainLayer(1.0));
        m.add(new Dense(16, "relu").kernelInitializer("he_uniform"));
        m.add(new Dropout(0.2));
        m.add(new Dense(CLASSES, "softmax"));
        m.seed(seed);
        m.compile(Losses.get("categorical_crossentropy"), optimizer, "accuracy");
        return m;
    }

    /** The lecture's iris shape: 4 → dense 16 relu (inputDim) → dense 3 softmax, MSE. */
    static Sequential irisLike(Optimizer optimizer, long seed) {
        Sequential m = new Sequential(new Dense(16, "relu").inputDim(FEATURES), new Dense(CLASSES, "softmax"));
        m.seed(seed);
        m.compile(Losses.get("mse"), optimizer, "accuracy");
        return m;
    }

    /**
     * Skips the calling test in the SIMD execution: file integrity and saving do not depend on the
     * backend, so the slower I/O fault tests run once, with the scalar one.
     */
    static void onceNotPerBackend() {
        org.junit.jupiter.api.Assumptions.assumeTrue(!"simd".equals(System.getProperty("vectornn.backend")),
                "this I/O test runs once, in the scalar execution");
    }

    static FitOptions quiet(int epochs, int batchSize) {
        return FitOptions.epochs(epochs).batchSize(batchSize).shuffle(true).verbose(0);
    }
}
