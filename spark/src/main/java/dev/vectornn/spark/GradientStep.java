package dev.vectornn.spark;

import dev.vectornn.metrics.Metric;
import dev.vectornn.metrics.Metrics;
import dev.vectornn.models.Sequential;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

import java.io.Serial;

/**
 * The executor side of one training step, as {@code treeAggregate}'s sequence operation: adds to
 * the running sum the gradient of the summed loss over this partition's rows of the step's global
 * batch ({@code Σ wᵢ·lossᵢ} for weighted rows, as {@code fit}), then the summed loss, then, per
 * metric, the metric times its weight here (the rows; for a weighted metric on weighted rows, the
 * sum of their weights), so that a sum over partitions divided by the total weight gives the
 * batch's metric (every built-in metric is a mean over samples), then the sum of the weights.
 *
 * <p>Layout of the summed vector: {@code parameterCount} gradient values, the loss sum, one value
 * per metric, the weight sum (0 for unweighted rows).
 */
final class GradientStep implements Function2<ExactSum, Shard, ExactSum> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Broadcast<ModelSpec> spec;
    private final Broadcast<float[]> weights;
    private final StepPlan plan;
    private final int epoch;
    private final int step;
    private final TaskHook hook;

    GradientStep(Broadcast<ModelSpec> spec, Broadcast<float[]> weights, StepPlan plan, int epoch, int step, TaskHook hook) {
        this.spec = spec;
        this.weights = weights;
        this.plan = plan;
        this.epoch = epoch;
        this.step = step;
        this.hook = hook;
    }

    @Override
    public ExactSum call(ExactSum sum, Shard shard) {
        hook.beforeStep(epoch, step, shard.partition);
        int from = plan.localFrom(shard.rows);
        int to = plan.localTo(shard.rows);
        int rows = to - from;
        ModelSpec s = spec.value();
        Sequential model = ExecutorModels.withWeights(s, weights.value());
        int params = model.parameterCount();
        float[] values = new float[params + 2 + s.metrics.size()];
        if (rows > 0) {
            float[] grad = new float[params];
            float[] x = shard.x(from, to);
            float[] y = shard.y(from, to);
            float[] w = shard.w(from, to);
            double loss = model.accumulateGradients(x, y, w, rows, grad);
            System.arraycopy(grad, 0, values, 0, params);
            values[params] = (float) loss;
            double weightSum = 0;
            if (w != null) {
                for (float v : w) {
                    weightSum += v;
                }
            }
            if (!s.metrics.isEmpty()) {
                addMetrics(model, s, shard, from, to, w, weightSum, values, params + 1);
            }
            values[values.length - 1] = (float) weightSum;
        }
        if (sum.divergence() != null) {
            return sum;
        }
        try {
            return sum.add(values, rows);
        } catch (ArithmeticException e) {
            // The driver turns this into the NonFiniteLossException that fit throws.
            return new ExactSum().diverged(e.getMessage());
        }
    }

    /** The metrics need the outputs, which accumulateGradients does not expose: one more forward pass. */
    private static void addMetrics(Sequential model, ModelSpec s, Shard shard, int from, int to, float[] w,
                                   double weightSum, float[] values, int at) {
        int rows = to - from;
        float[][] out = model.predict(shard.xRows(from, to));
        int cols = model.outputWidth();
        float[] flat = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(out[r], 0, flat, r * cols, cols);
        }
        float[] targets = shard.y(from, to);
        for (int i = 0; i < s.metrics.size(); i++) {
            Metric m = Metrics.resolve(s.metrics.get(i), model.loss(), cols);
            m.reset();
            // As in fit: only the weighted metrics get the weights.
            boolean weighted = i >= s.weightedFrom && w != null;
            if (weighted) {
                m.update(rows, cols, flat, 0, targets, 0, shard.targetWidth, w, 0);
            } else {
                m.update(rows, cols, flat, 0, targets, 0, shard.targetWidth);
            }
            values[at++] = (float) (m.result() * (weighted ? weightSum : rows));
        }
    }
}
