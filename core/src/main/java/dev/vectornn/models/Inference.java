package dev.vectornn.models;

import dev.vectornn.metrics.Metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prediction and evaluation with the current weights, in chunks of at most {@link #CHUNK} rows.
 * Each thread gets its own buffers, so many threads may predict and evaluate at once.
 */
final class Inference {
    static final int CHUNK = 256;

    private final CompiledModel compiled;
    private final StepRunner runner;
    private final ThreadLocal<Workspace> workspaces;

    Inference(CompiledModel compiled, StepRunner runner) {
        this.compiled = compiled;
        this.runner = runner;
        this.workspaces = ThreadLocal.withInitial(() -> runner.inferenceWorkspace(CHUNK));
    }

    /** The outputs of the {@code n} samples in {@code x}, {@code n × outputWidth}. */
    float[][] predict(float[] x, int n) {
        int in = compiled.network.inputWidth();
        int out = compiled.network.outputWidth();
        float[][] result = new float[n][out];
        Workspace ws = workspaces.get();
        for (int from = 0; from < n; from += ws.capacity) {
            int rows = Math.min(ws.capacity, n - from);
            System.arraycopy(x, from * in, ws.acts[0], 0, rows * in);
            runner.predict(ws, rows);
            float[] y = ws.output();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(y, r * out, result[from + r], 0, out);
            }
        }
        return result;
    }

    /**
     * The mean loss, then each metric, over {@code data}; with sample weights the loss is
     * {@code Σ wᵢ·lossᵢ / n}, as Keras' {@code sum_over_batch_size}.
     */
    Evaluation evaluate(TrainingData data) {
        Metric[] metrics = compiled.freshMetrics();
        Workspace ws = workspaces.get();
        int in = data.inputWidth;
        double lossSum = 0;
        for (int from = 0; from < data.rows; from += ws.capacity) {
            int rows = Math.min(ws.capacity, data.rows - from);
            System.arraycopy(data.x, from * in, ws.acts[0], 0, rows * in);
            lossSum += runner.evaluate(ws, rows, data.y, from * data.targetWidth, data.w, from, metrics);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss", lossSum / data.rows);
        for (Metric m : metrics) {
            values.put(m.name(), m.result());
        }
        return new Evaluation(values);
    }
}
