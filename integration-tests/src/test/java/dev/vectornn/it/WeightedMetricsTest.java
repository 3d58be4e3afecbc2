package dev.vectornn.it;

import dev.vectornn.layers.Dense;
import dev.vectornn.metrics.Auc;
import dev.vectornn.metrics.MeanSquaredError;
import dev.vectornn.models.Evaluation;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras' {@code weighted_metrics}: metrics given there get the sample and class weights, those
 * given as {@code metrics} never do (keras/src/trainers/compile_utils.py, {@code CompileMetrics.update_state}),
 * and a weighted metric whose name is taken is logged as {@code weighted_<name>} ({@code CompileMetrics.result}).
 */
class WeightedMetricsTest {

    @TempDir
    Path dir;

    private static final float[][] X = {{1, 0}, {0, 1}};
    private static final float[][] Y = {{0, 1}, {0, 0}};
    private static final float[] W = {1, 0};

    /**
     * Outputs [[1, 1], [0, 0]] for the inputs above: kernel [[1, 1], [0, 0]], no bias; a rate so
     * small that training leaves the float weights as they are.
     */
    private static Sequential model(List<?> metrics, List<?> weighted) {
        Sequential m = new Sequential(new Dense(2).useBias(false).inputDim(2)).seed(1);
        m.compile("mse", new Sgd(1e-30), metrics, weighted);
        m.setParameters(new float[] {1, 1, 0, 0});
        return m;
    }

    @Test
    void weightedMetricsGetTheWeightsAndPlainOnesDoNot() {
        // keras.metrics.MeanSquaredError's docstring (keras/src/metrics/regression_metrics.py):
        // update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]]) gives 0.25; with sample_weight=[1, 0], 0.5.
        Sequential m = model(List.of("mse"), List.of("mse"));
        assertEquals(List.of("mean_squared_error", "weighted_mean_squared_error"), m.metricNames());
        Evaluation e = m.evaluate(X, Y, W);
        assertEquals(0.25, e.get("mean_squared_error"), 1e-7);
        assertEquals(0.5, e.get("weighted_mean_squared_error"), 1e-7);
        // The loss is weighted (sum_over_batch_size): (1 · 0.5 + 0 · 0) / 2.
        assertEquals(0.25, e.get("loss"), 1e-7);
        // Unweighted, both are 0.25.
        Evaluation plain = m.evaluate(X, Y);
        assertEquals(0.25, plain.get("weighted_mean_squared_error"), 1e-7);
    }

    @Test
    void fitLogsThemUnderKerasNamesWithClassWeightsAndValidation() {
        // A weighted metric without a plain twin keeps its own name; validation adds "val_".
        Sequential m = model(List.of(), List.of("mse", new MeanSquaredError()));
        assertEquals(List.of("mean_squared_error", "weighted_mean_squared_error"), m.metricNames(),
                "a second weighted metric of the same name is prefixed, as Keras does");
        History h = m.fit(X, Y, FitOptions.epochs(1).batchSize(2).shuffle(false).verbose(0)
                .sampleWeight(W).validationData(X, Y, W));
        assertEquals(0.5, h.last("mean_squared_error"), 1e-7);
        assertEquals(0.5, h.last("val_weighted_mean_squared_error"), 1e-7);
        // Class weights are sample weights for the weighted metrics too: the class of row 0 is 1.
        Sequential c = model(List.of("mse"), List.of("mse"));
        History hc = c.fit(X, Y, FitOptions.epochs(1).batchSize(2).shuffle(false).verbose(0)
                .classWeight(Map.of(0, 0.0, 1, 1.0)));
        assertEquals(0.25, hc.last("mean_squared_error"), 1e-7);
        assertEquals(0.5, hc.last("weighted_mean_squared_error"), 1e-7);
        assertTrue(c.summary().contains("Metric weighted_mean_squared_error (weighted)"), c.summary());
    }

    @Test
    void theyAreSavedAndLoaded() throws IOException {
        Sequential m = model(List.of("mse"), List.of("mse", new Auc(50, Auc.Curve.PR)));
        Path file = dir.resolve("weighted.safetensors");
        m.save(file);
        Sequential back = Sequential.load(file);
        assertEquals(m.metricNames(), back.metricNames());
        assertEquals(1, back.metrics().size());
        assertEquals(2, back.weightedMetrics().size());
        assertEquals(m.weightedMetrics().get(1).config(), back.weightedMetrics().get(1).config());
        assertEquals(m.evaluate(X, Y, W).get("weighted_mean_squared_error"),
                back.evaluate(X, Y, W).get("weighted_mean_squared_error"));
        // A file without weighted metrics has no such key, as before.
        Sequential none = model(List.of("mse"), List.of());
        Path plainFile = dir.resolve("plain.safetensors");
        none.save(plainFile);
        assertEquals(List.of(), Sequential.load(plainFile).weightedMetrics());
    }

    @Test
    void entriesAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model(List.of("mse"), List.of("mse", 3)));
        assertTrue(e.getMessage().contains("weightedMetrics[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model(List.of("mse"), List.of("no_such_metric")));
        assertTrue(e.getMessage().contains("no_such_metric"), e.getMessage());
    }
}
