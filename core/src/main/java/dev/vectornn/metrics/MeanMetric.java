package dev.vectornn.metrics;

/**
 * A metric that is the (weighted) mean over samples of a per-sample value, as Keras'
 * {@code MeanMetricWrapper} metrics are: {@code Σ w_r v_r / Σ w_r}.
 */
abstract class MeanMetric implements Metric {
    private double sum;
    private double weight;

    /** The value of one sample: outputs {@code y[yr .. yr+cols)}, targets {@code t[tr .. tr+targetCols)}. */
    abstract double sampleValue(int cols, float[] y, int yr, float[] t, int tr, int targetCols);

    @Override
    public void reset() {
        sum = 0;
        weight = 0;
    }

    @Override
    public void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols,
                       float[] weights, int wOff) {
        for (int r = 0; r < rows; r++) {
            double w = Metric.weight(weights, wOff, r);
            sum += w * sampleValue(cols, y, yOff + r * cols, t, tOff + r * targetCols, targetCols);
            weight += w;
        }
    }

    /** The weighted mean so far. */
    double mean() {
        return weight == 0 ? 0 : sum / weight;
    }

    @Override
    public double result() {
        return mean();
    }
}
