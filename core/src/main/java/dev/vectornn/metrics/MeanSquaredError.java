package dev.vectornn.metrics;

import java.util.List;

/** Keras' {@code mean_squared_error} metric: the mean over samples of {@code mean((y − t)²)}. */
public class MeanSquaredError extends MeanMetric {
    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("mse");
    }

    @Override
    public String description() {
        return "mean_squared_error: mean over samples of mean (output − target)²";
    }

    @Override
    final double sampleValue(int cols, float[] y, int yr, float[] t, int tr, int targetCols) {
        double s = 0;
        for (int j = 0; j < cols; j++) {
            double d = (double) y[yr + j] - t[tr + j];
            s += d * d;
        }
        return s / cols;
    }

    @Override
    public Metric copy() {
        return new MeanSquaredError();
    }
}
