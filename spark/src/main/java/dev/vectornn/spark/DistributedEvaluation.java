package dev.vectornn.spark;

import dev.vectornn.models.Sequential;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mean loss and metrics of the driver model's current weights over shards, computed on the executors. */
final class DistributedEvaluation {
    private DistributedEvaluation() {
    }

    /** {@code loss}, then each metric, as {@link Sequential#evaluate} orders them. */
    static Map<String, Double> of(JavaSparkContext sc, Sequential model, Broadcast<ModelSpec> specCast, ModelSpec spec,
                                  JavaRDD<Shard> shards) {
        Broadcast<float[]> weights = sc.broadcast(model.getParameters());
        List<double[]> parts;
        try {
            parts = shards.mapPartitions(new EvaluatePartition(specCast, weights)).collect();
        } finally {
            weights.destroy();
        }
        // collect() keeps partition order, so this sum is the same in every run.
        double[] total = new double[4 + spec.metrics.size()];
        for (double[] p : parts) {
            for (int i = 0; i < total.length; i++) {
                total[i] += p[i];
            }
        }
        if (total[0] == 0) {
            throw new IllegalArgumentException("The evaluation rows are empty");
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("loss", total[1] / total[0]);
        double weightSum = total[2 + spec.metrics.size()];
        boolean weighted = total[3 + spec.metrics.size()] > 0;
        for (int m = 0; m < spec.metrics.size(); m++) {
            double v = weighted && m >= spec.weightedFrom
                    ? (weightSum == 0 ? 0 : total[2 + m] / weightSum) // a weighted mean, as in evaluate
                    : total[2 + m] / total[0];
            result.put(spec.logNames.get(m), v);
        }
        return result;
    }
}
