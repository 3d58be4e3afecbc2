package dev.vectornn.models;

import dev.vectornn.metrics.Metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prediction and evaluation with the current weights, in chunks of at most {@link #CHUNK} rows.
 * Each thread gets its own buffers, so many threads may predict and evaluate at once. A thread's
 * buffers are sized to the largest batch it has asked for (doubling, up to the chunk), not to the
 * chunk: predicting one row of a very wide model costs one row of buffers, not 256 (issue #13, the
 * load-and-predict bound in {@code ModelFiles}).
 */
final class Inference {
    static final int CHUNK = 256;

    private final CompiledModel compiled;
    private final StepRunner runner;
    private final ThreadLocal<Workspace> workspaces = new ThreadLocal<>();

    Inference(CompiledModel compiled, StepRunner runner) {
        this.compiled = compiled;
        this.runner = runner;
    }

    /** This thread's buffers, for chunks of up to {@code rows} rows (fewer if the memory budget says so). */
    private Workspace workspace(int rows) {
        int wanted = Math.max(1, Math.min(rows, CHUNK));
        Workspace ws = workspaces.get();
        if (ws == null || ws.capacity < wanted && ws.capacity < runner.inferenceWorkspaceRows(CHUNK)) {
            // Doubling keeps a run of growing batches to a few allocations; same-size calls reuse.
            int capacity = ws == null ? wanted : Math.min(CHUNK, Math.max(wanted, 2 * ws.capacity));
            ws = runner.inferenceWorkspace(capacity);
            workspaces.set(ws);
        }
        return ws;
    }

    /** The outputs of the {@code n} samples in {@code x}, {@code n × outputWidth}. */
    float[][] predict(float[] x, int n) {
        int in = compiled.network.inputWidth();
        int out = compiled.network.outputWidth();
        float[][] result = new float[n][out];
        Workspace ws = workspace(n);
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
        Workspace ws = workspace(data.rows);
        int in = data.inputWidth;
        double lossSum = 0;
        for (int from = 0; from < data.rows; from += ws.capacity) {
            int rows = Math.min(ws.capacity, data.rows - from);
            System.arraycopy(data.x, from * in, ws.acts[0], 0, rows * in);
            lossSum += runner.evaluate(ws, rows, data.y, from * data.targetWidth, data.w, from, metrics);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss", lossSum / data.rows);
        for (int m = 0; m < metrics.length; m++) {
            values.put(compiled.metricNames.get(m), metrics[m].result());
        }
        return new Evaluation(values);
    }
}
