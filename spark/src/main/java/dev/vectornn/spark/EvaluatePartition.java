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
 * Evaluates the broadcast weights on each partition with {@code Sequential#evaluate} and returns
 * {@code [rows, loss·rows, metric₁·rows, ...]}, which the driver sums in partition order.
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
        double[] sums = new double[2 + s.metrics.size()];
        Sequential model = ExecutorModels.withWeights(s, weights.value());
        while (shards.hasNext()) {
            Shard shard = shards.next();
            for (int from = 0; from < shard.rows; from += CHUNK) {
                int to = Math.min(shard.rows, from + CHUNK);
                Evaluation e = model.evaluate(shard.xRows(from, to), shard.yRows(from, to));
                int rows = to - from;
                List<Double> values = new ArrayList<>(e.asMap().values());
                sums[0] += rows;
                for (int i = 0; i < values.size(); i++) {
                    sums[i + 1] += values.get(i) * rows;
                }
            }
        }
        return List.of(sums).iterator();
    }
}
