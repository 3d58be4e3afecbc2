package dev.vectornn.metrics;

import java.util.List;

/**
 * Keras' {@code root_mean_squared_error}: {@code sqrt} of the mean squared error over everything
 * seen since the reset (not the mean of per-batch roots), {@code sqrt(Σ w_r mse_r / Σ w_r)}.
 */
public final class RootMeanSquaredError extends MeanSquaredError {
    @Override
    public String name() {
        return "root_mean_squared_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("rmse");
    }

    @Override
    public String description() {
        return "root_mean_squared_error: sqrt of the mean squared error over all samples seen";
    }

    @Override
    public double result() {
        return Math.sqrt(mean());
    }

    @Override
    public Metric copy() {
        return new RootMeanSquaredError();
    }
}
