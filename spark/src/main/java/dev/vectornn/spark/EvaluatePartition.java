package dev.vectornn.spark;

import dev.vectornn.models.Evaluation;
import dev.vectornn.models.Sequential;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Evaluates the broadcast weights on each partition with {@code Sequential#evaluate} (with the
 * shard's sample weights, if it has them) and returns {@code [rows, loss·rows, metric₁·n₁, ...,
 * Σw, weighted rows]}, where {@code nᵢ} is the rows, or for a weighted metric on weighted rows the
 * sum of their weights; the driver sums them in partition order.
 */
final class EvaluatePartition implements FlatMapFunction<Iterator<Shard>, double[]> {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Rows per evaluate call, to bound the executor's temporary arrays. */
    private static final int CHUNK = 65_536;

    private final Broadcast<ModelSpec> spec;
    private final Broadcast<float[]> weights;

    EvaluatePartition(Broadcast<ModelSpec> spec, Broadcast<float[]> weights) {
        this.spec = spec;
        this.weights = weights;
    }

    @Override
    public Iterator<double[]> call(Iterator<Shard> shards) {
        ModelSpec s = spec.value();
        double[] sums = new double[4 + s.metrics.size()];
        int weightAt = 2 + s.metrics.size();
        Sequential model = ExecutorModels.withWeights(s, weights.value());
        while (shards.hasNext()) {
            Shard shard = shards.next();
            for (int from = 0; from < shard.rows; from += CHUNK) {
                int to = Math.min(shard.rows, from + CHUNK);
                float[] w = shard.w(from, to);
                Evaluation e = w == null ? model.evaluate(shard.xRows(from, to), shard.yRows(from, to))
                        : model.evaluate(shard.xRows(from, to), shard.yRows(from, to), w);
                int rows = to - from;
                double weightSum = 0;
                if (w != null) {
                    for (float v : w) {
                        weightSum += v;
                    }
                }
                List<Double> values = new ArrayList<>(e.asMap().values());
                sums[0] += rows;
                for (int i = 0; i < values.size(); i++) {
                    boolean weighted = w != null && i - 1 >= s.weightedFrom; // values[0] is the loss
                    sums[i + 1] += values.get(i) * (weighted ? weightSum : rows);
                }
                sums[weightAt] += weightSum;
                sums[weightAt + 1] += w == null ? 0 : rows;
            }
        }
        return List.of(sums).iterator();
    }
}
