package dev.vectornn.data;

/** Scales each column to mean 0 and standard deviation 1, learned from training data only. */
public final class StandardScaler {

    private final float[] mean;
    private final float[] scale;

    private StandardScaler(float[] mean, float[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** Learns each column's mean and (population) standard deviation; a constant column keeps scale 1. */
    public static StandardScaler fit(float[][] x) {
        int cols = Scaling.columns(x, "StandardScaler.fit");
        double[] sum = new double[cols];
        double[] sq = new double[cols];
        for (float[] row : x) {
            for (int c = 0; c < cols; c++) {
                sum[c] += row[c];
                sq[c] += (double) row[c] * row[c];
            }
        }
        float[] mean = new float[cols];
        float[] scale = new float[cols];
        for (int c = 0; c < cols; c++) {
            double m = sum[c] / x.length;
            double var = Math.max(0, sq[c] / x.length - m * m);
            mean[c] = (float) m;
            scale[c] = var > 0 ? (float) Math.sqrt(var) : 1f;
        }
        return new StandardScaler(mean, scale);
    }

    /** A new array with every column standardised. */
    public float[][] transform(float[][] x) {
        Scaling.checkWidth(x, mean.length, "StandardScaler.transform");
        float[][] out = new float[x.length][mean.length];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < mean.length; c++) {
                out[r][c] = (x[r][c] - mean[c]) / scale[c];
            }
        }
        return out;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] scale() {
        return scale.clone();
    }
}
