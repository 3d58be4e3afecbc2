package dev.vectornn.data;

/** Scales each column linearly to [0, 1], learned from training data only. */
public final class MinMaxScaler {

    private final float[] min;
    private final float[] range;

    private MinMaxScaler(float[] min, float[] range) {
        this.min = min;
        this.range = range;
    }

    /** Learns each column's minimum and range; a constant column keeps range 1. */
    public static MinMaxScaler fit(float[][] x) {
        int cols = Scaling.columns(x, "MinMaxScaler.fit");
        float[] min = new float[cols];
        float[] max = new float[cols];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (float[] row : x) {
            for (int c = 0; c < cols; c++) {
                min[c] = Math.min(min[c], row[c]);
                max[c] = Math.max(max[c], row[c]);
            }
        }
        float[] range = new float[cols];
        for (int c = 0; c < cols; c++) {
            range[c] = max[c] > min[c] ? max[c] - min[c] : 1f;
        }
        return new MinMaxScaler(min, range);
    }

    public float[][] transform(float[][] x) {
        Scaling.checkWidth(x, min.length, "MinMaxScaler.transform");
        float[][] out = new float[x.length][min.length];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < min.length; c++) {
                out[r][c] = (x[r][c] - min[c]) / range[c];
            }
        }
        return out;
    }
}
