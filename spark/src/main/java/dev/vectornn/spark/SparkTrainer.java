package dev.vectornn.spark;

import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a compiled {@link Sequential} on data held by Apache Spark: synchronous data-parallel
 * mini-batch training, one optimizer step per global batch, exactly as {@code fit} does on one
 * machine.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(32, "relu").inputDim(8), new Dense(4, "softmax"));
 * model.seed(42).compile("sparse_categorical_crossentropy", "adam", "accuracy");
 * JavaRDD<float[]> rows = ...;            // each row: 8 features, then the label
 * History h = new SparkTrainer(model).fit(rows, SparkFitOptions.epochs(5).batchSize(4096));
 * model.predict(...);                     // the driver's model holds the trained weights
 * }</pre>
 *
 * <h2>One step</h2>
 * The driver broadcasts the current weights; every partition computes, on its executor and with
 * whichever backend that executor's class path provides, the gradient of the <em>summed</em> loss
 * over its share of the global batch ({@link Sequential#accumulateGradients}); the sums are
 * combined with {@code treeAggregate}; the driver divides by the batch's number of samples and
 * applies one optimizer step ({@link Sequential#applyGradients}). So one step over any number of
 * partitions computes the same mean gradient as one step of {@code fit} over the same samples.
 *
 * <h2>Batches and shuffling</h2>
 * The rows are packed once into one array per partition and cached. Before each epoch every
 * partition shuffles its own rows with a generator seeded by the model's {@linkplain
 * Sequential#seed() seed}, the epoch and the partition index (no data crosses the network), and
 * each global batch takes from every partition its proportional share (see {@link StepPlan}), so a
 * batch is a stratified sample of the data and may hold up to {@code P − 1} rows more or fewer
 * than the batch size. The order differs from {@code fit}'s, so a Spark run and a {@code fit} run do not give
 * the same weights; two Spark runs with the same seed and partitioning do, bit for bit, because
 * the partial sums are added exactly ({@link ExactSum}) whatever order the tasks finish in.
 *
 * <h2>Differences from {@code fit}</h2>
 * Gradients are computed in inference mode, so {@code Dropout} layers are inactive (the public
 * {@code accumulateGradients} takes no random stream). Callbacks are not supported. Training metrics
 * cost one extra forward pass per batch on the executors.
 *
 * <p>One Spark job runs per step: on a cluster, choose a batch large enough that the computation
 * of a step outweighs Spark's scheduling of it (tens of milliseconds); see {@code spark/RESULTS.md}.
 */
public final class SparkTrainer {

    private final Sequential model;
    private int epochsRun;

    /**
     * A trainer for {@code model}, which must be compiled. Training changes the model's weights
     * and optimizer state in place, as {@code fit} does.
     */
    public SparkTrainer(Sequential model) {
        this.model = Objects.requireNonNull(model, "model");
        ModelSpec.of(model);
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
    }

    /**
     * Trains on rows given by a Spark SQL {@link Dataset}: the named numeric or numeric-array
     * feature columns, in order, then the label column(s) (see {@link SparkRows#of}).
     */
    public History fit(Dataset<Row> data, List<String> featureColumns, List<String> labelColumns,
                            SparkFitOptions options) {
        return fit(SparkRows.of(data, featureColumns, labelColumns), options);
    }

    /**
     * Trains on {@code rows}, each {@code inputWidth} feature values followed by
     * {@code targetWidth} target values (one class index for sparse losses, else one value per
     * output). The RDD is read once per call (cache it upstream if computing it is costly).
     *
     * @throws IllegalArgumentException naming the partition and row of a row with the wrong width
     *                                  or a non-finite value, or if {@code rows} is empty
     * @throws ArithmeticException      if the loss or a gradient stops being finite
     */
    public History fit(JavaRDD<float[]> rows, SparkFitOptions options) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(options, "options");
        ModelSpec spec = ModelSpec.of(model);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.context());
        Broadcast<ModelSpec> specCast = sc.broadcast(spec);
        JavaRDD<Shard> shards = pack(rows, "training rows");
        JavaRDD<Shard> validation = options.validation == null ? null : pack(options.validation, "validation rows");
        try {
            return train(sc, specCast, spec, shards, validation, options);
        } finally {
            shards.unpersist(false);
            if (validation != null) {
                validation.unpersist(false);
            }
            specCast.destroy();
        }
    }

    /**
     * The mean loss and each metric of the model's current weights over {@code rows}, computed on
     * the executors: as {@link Sequential#evaluate}, in the order {@code loss}, then the metrics.
     */
    public Map<String, Double> evaluate(JavaRDD<float[]> rows) {
        ModelSpec spec = ModelSpec.of(model);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.context());
        Broadcast<ModelSpec> specCast = sc.broadcast(spec);
        JavaRDD<Shard> shards = pack(rows, "evaluation rows");
        try {
            return evaluate(sc, specCast, spec, shards);
        } finally {
            shards.unpersist(false);
            specCast.destroy();
        }
    }

    private JavaRDD<Shard> pack(JavaRDD<float[]> rows, String what) {
        JavaRDD<Shard> shards = rows.mapPartitionsWithIndex(new PackShard(model.inputWidth(), model.targetWidth(), what), true);
        shards.persist(StorageLevel.MEMORY_ONLY());
        return shards;
    }

    private History train(JavaSparkContext sc, Broadcast<ModelSpec> specCast, ModelSpec spec, JavaRDD<Shard> shards,
                               JavaRDD<Shard> validation, SparkFitOptions o) {
        long n = shards.map(new RowCount()).reduce(Long::sum);
        if (n == 0) {
            throw new IllegalArgumentException("The training rows are empty: nothing to train on");
        }
        int batch = (int) Math.min(o.batchSize, n);
        int steps = StepPlan.steps(n, batch);
        int params = model.parameterCount();
        List<String> metrics = spec.metrics;
        History history = new History();
        for (int epoch = 0; epoch < o.epochs; epoch++) {
            long start = System.nanoTime();
            JavaRDD<Shard> epochShards = o.shuffle
                    ? shards.map(new ShuffleShard(spec.seed, epochsRun + epoch))
                    : shards;
            epochShards.persist(StorageLevel.MEMORY_ONLY());
            double lossSum = 0;
            double[] metricSums = new double[metrics.size()];
            try {
                for (int s = 0; s < steps; s++) {
                    Broadcast<float[]> weights = sc.broadcast(model.getParameters());
                    ExactSum sum;
                    try {
                        sum = epochShards.treeAggregate(new ExactSum(),
                                new GradientStep(specCast, weights, StepPlan.of(s, batch, n), epoch, s, o.hook),
                                new CombineSums(), o.treeDepth);
                    } finally {
                        weights.destroy();
                    }
                    long rows = sum.rows();
                    if (rows == 0) {
                        // Only when the batch is smaller than the partition count: every share rounded to 0.
                        continue;
                    }
                    double batchLoss = sum.get(params);
                    if (!Double.isFinite(batchLoss)) {
                        throw new ArithmeticException("The training loss became " + batchLoss + " at epoch " + (epoch + 1)
                                + ", batch " + (s + 1) + " of " + steps + ": training diverged");
                    }
                    float[] mean = new float[params];
                    for (int i = 0; i < params; i++) {
                        mean[i] = (float) (sum.get(i) / rows);
                    }
                    model.applyGradients(mean);
                    lossSum += batchLoss;
                    for (int m = 0; m < metricSums.length; m++) {
                        metricSums[m] += sum.get(params + 1 + m);
                    }
                }
            } finally {
                if (epochShards != shards) {
                    epochShards.unpersist(false);
                }
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int m = 0; m < metrics.size(); m++) {
                logs.put(metrics.get(m), metricSums[m] / n);
            }
            logs.put("loss", lossSum / n);
            Map<String, Double> val = new LinkedHashMap<>();
            if (validation != null) {
                evaluate(sc, specCast, spec, validation).forEach((k, v) -> val.put("val_" + k, v));
            }
            logs.putAll(val);
            long nanos = System.nanoTime() - start;
            if (o.verbose > 0) {
                Map<String, Double> shown = new LinkedHashMap<>(logs);
                shown.remove("loss");
                val.keySet().forEach(shown::remove);
                o.out.println(EpochLine.of(epoch, o.epochs, steps, nanos, shown, lossSum / n, val));
                o.out.flush();
            }
            history.record(logs, nanos / 1e9);
        }
        epochsRun += o.epochs;
        return history;
    }

    private Map<String, Double> evaluate(JavaSparkContext sc, Broadcast<ModelSpec> specCast, ModelSpec spec,
                                         JavaRDD<Shard> shards) {
        Broadcast<float[]> weights = sc.broadcast(model.getParameters());
        List<double[]> parts;
        try {
            parts = shards.mapPartitions(new EvaluatePartition(specCast, weights)).collect();
        } finally {
            weights.destroy();
        }
        // collect() keeps partition order, so this sum is the same in every run.
        double[] total = new double[2 + spec.metrics.size()];
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
        for (int m = 0; m < spec.metrics.size(); m++) {
            result.put(spec.metrics.get(m), total[2 + m] / total[0]);
        }
        return result;
    }

    private static final class RowCount implements Function<Shard, Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long call(Shard shard) {
            return (long) shard.rows;
        }
    }

    private static final class ShuffleShard implements Function<Shard, Shard> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final long seed;
        private final int epoch;

        ShuffleShard(long seed, int epoch) {
            this.seed = seed;
            this.epoch = epoch;
        }

        @Override
        public Shard call(Shard shard) {
            return shard.shuffled(seed, epoch);
        }
    }

    private static final class CombineSums implements org.apache.spark.api.java.function.Function2<ExactSum, ExactSum, ExactSum> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public ExactSum call(ExactSum a, ExactSum b) {
            return a.add(b);
        }
    }
}
