package dev.vectornn.spark;

import dev.vectornn.internal.SplitMix64;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One partition's samples packed into flat arrays (features, targets, and sample weights when the
 * rows carry them or class weights gave them), so a step can hand a contiguous slice straight to
 * {@code Sequential#accumulateGradients}. A training RDD holds exactly one shard per partition.
 */
final class Shard implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final int inputWidth;
    final int targetWidth;
    final float[] x;
    final float[] y;
    /** One weight per row, or null for unweighted rows. */
    final float[] w;

    Shard(int partition, int rows, int inputWidth, int targetWidth, float[] x, float[] y, float[] w) {
        this.partition = partition;
        this.rows = rows;
        this.inputWidth = inputWidth;
        this.targetWidth = targetWidth;
        this.x = x;
        this.y = y;
        this.w = w;
    }

    /** This shard with the per-row weights {@code weights}. */
    Shard withWeights(float[] weights) {
        return new Shard(partition, rows, inputWidth, targetWidth, x, y, weights);
    }

    /** Weights of rows {@code [from, to)}, or null if the rows are unweighted. */
    float[] w(int from, int to) {
        return w == null ? null : Arrays.copyOfRange(w, from, to);
    }

    /** Features of rows {@code [from, to)}, flat. */
    float[] x(int from, int to) {
        return Arrays.copyOfRange(x, from * inputWidth, to * inputWidth);
    }

    /** Targets of rows {@code [from, to)}, flat. */
    float[] y(int from, int to) {
        return Arrays.copyOfRange(y, from * targetWidth, to * targetWidth);
    }

    /** Rows {@code [from, to)} as one array per sample, as {@code Sequential#evaluate} takes them. */
    float[][] xRows(int from, int to) {
        return rows(x, inputWidth, from, to);
    }

    float[][] yRows(int from, int to) {
        return rows(y, targetWidth, from, to);
    }

    private static float[][] rows(float[] flat, int width, int from, int to) {
        float[][] r = new float[to - from][];
        for (int i = from; i < to; i++) {
            r[i - from] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return r;
    }

    /**
     * This shard with its rows in a random order drawn from {@code (seed, epoch, partition)} only,
     * so that a recomputed partition (after a lost executor or a retried task) comes out the same.
     */
    Shard shuffled(long seed, int epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplitMix64 random = new SplitMix64(mix(seed, epoch, partition));
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] sx = new float[x.length];
        float[] sy = new float[y.length];
        float[] sw = w == null ? null : new float[rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, order[r] * inputWidth, sx, r * inputWidth, inputWidth);
            System.arraycopy(y, order[r] * targetWidth, sy, r * targetWidth, targetWidth);
            if (sw != null) {
                sw[r] = w[order[r]];
            }
        }
        return new Shard(partition, rows, inputWidth, targetWidth, sx, sy, sw);
    }

    private static long mix(long seed, int epoch, int partition) {
        long h = seed ^ 0x9E3779B97F4A7C15L * (epoch + 1L);
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
        h ^= 0x94D049BB133111EBL * (partition + 1L);
        return h ^ (h >>> 29);
    }
}
