package dev.vectornn.metrics;

import java.util.List;

/** Keras' {@code mean_absolute_error} metric: the mean over samples of {@code mean(|y − t|)}. */
public final class MeanAbsoluteError extends MeanMetric {
    @Override
    public String name() {
        return "mean_absolute_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("mae");
    }

    @Override
    public String description() {
        return "mean_absolute_error: mean over samples of mean |output − target|";
    }

    @Override
    double sampleValue(int cols, float[] y, int yr, float[] t, int tr, int targetCols) {
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += Math.abs((double) y[yr + j] - t[tr + j]);
        }
        return s / cols;
    }

    @Override
    public Metric copy() {
        return new MeanAbsoluteError();
    }
}
