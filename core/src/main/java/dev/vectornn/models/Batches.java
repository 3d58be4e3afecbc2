package dev.vectornn.models;

import java.util.random.RandomGenerator;

/**
 * The order in which an epoch visits the samples, and the gathering of one batch of that order
 * into a workspace. The permutation is drawn afresh each epoch from the model's shuffling stream,
 * so {@code fit(10)} then {@code fit(10)}, with or without a save and load between, shuffles as
 * {@code fit(20)} does.
 */
final class Batches {
    private final int[] order;
    private final int batchSize;

    Batches(int samples, int batchSize) {
        this.order = new int[samples];
        this.batchSize = Math.min(batchSize, samples);
        identity(order);
    }

    /** Batches per epoch; the last may be smaller than the batch size. */
    int count() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** Rows of batch {@code b}. */
    int rows(int b) {
        return Math.min(batchSize, order.length - b * batchSize);
    }

    /** Rows of the largest batch. */
    int batchSize() {
        return batchSize;
    }

    /** A uniformly random permutation of the samples (Fisher–Yates), drawn from {@code random}. */
    void shuffle(RandomGenerator random) {
        shuffle(order, random);
    }

    /** Puts {@code order} in the order 0, 1, ..., then shuffles it uniformly with {@code random}. */
    static void shuffle(int[] order, RandomGenerator random) {
        identity(order);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static void identity(int[] order) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /** Copies batch {@code b}'s samples, targets and (if {@code data} has them) weights into {@code ws}; returns its rows. */
    int gather(TrainingData data, int b, Workspace ws) {
        int rows = rows(b);
        int from = b * batchSize;
        int in = data.inputWidth;
        int tw = data.targetWidth;
        float[] xb = ws.acts[0];
        float[] yb = ws.targets;
        for (int r = 0; r < rows; r++) {
            int i = order[from + r];
            System.arraycopy(data.x, i * in, xb, r * in, in);
            System.arraycopy(data.y, i * tw, yb, r * tw, tw);
        }
        float[] w = data.w;
        ws.weighted = w != null;
        if (w != null) {
            float[] wb = ws.weights;
            for (int r = 0; r < rows; r++) {
                wb[r] = w[order[from + r]];
            }
        }
        return rows;
    }
}
