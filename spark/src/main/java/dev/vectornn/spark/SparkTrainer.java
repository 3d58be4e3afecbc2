package dev.vectornn.spark;

import dev.vectornn.models.Callback;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

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
 * <h2>Sample and class weights</h2>
 * {@link SparkFitOptions#sampleWeighted} (each row ends with its weight) and
 * {@link SparkFitOptions#classWeight} weigh the loss, its gradient and the {@code weightedMetrics}
 * exactly as {@code fit}'s {@code sampleWeight} and {@code classWeight} do: each partition adds the
 * gradient of {@code Σ wᵢ·lossᵢ} over its share and the driver divides by the batch's rows.
 *
 * <h2>Differences from {@code fit}</h2>
 * Gradients are computed in inference mode, so {@code Dropout} layers are inactive (the public
 * {@code accumulateGradients} takes no random stream). Training metrics cost one extra forward
 * pass per batch on the executors.
 *
 * <h2>The same loop as {@code fit}</h2>
 * The epochs run in {@code fit}'s own loop ({@link Sequential#fit(dev.vectornn.models.StepStrategy,
 * FitOptions)}) with a Spark step: callbacks, progress output, early stopping and the divergence
 * rules behave as they do in {@code fit}.
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
     * @throws dev.vectornn.models.NonFiniteLossException if training diverges, as in {@code fit}: the
     *                                  step is not applied and the exception names the epoch and batch
     */
    public History fit(JavaRDD<float[]> rows, SparkFitOptions options) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(options, "options");
        ModelSpec spec = ModelSpec.of(model);
        if (options.sampleWeighted && options.classWeight != null) {
            throw new IllegalArgumentException("SparkFitOptions has both sampleWeighted and classWeight; give one of them "
                    + "(as fit and Keras), or fold the class weights into the rows' sample weights");
        }
        if (options.classWeight != null) {
            model.classWeightsToSampleWeights(new float[0], 0, options.classWeight); // checks the map on the driver
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.context());
        Broadcast<ModelSpec> specCast = sc.broadcast(spec);
        JavaRDD<Shard> shards = pack(rows, "training rows", options.sampleWeighted);
        if (options.classWeight != null) {
            JavaRDD<Shard> unweighted = shards;
            shards = unweighted.map(new ClassWeighShard(specCast, options.classWeight));
            shards.persist(StorageLevel.MEMORY_ONLY());
            shards.count(); // materialize before the unweighted copy goes
            unweighted.unpersist(false);
        }
        // As in fit: validation rows carry sample weights with sampleWeighted; class weights weigh training rows only.
        JavaRDD<Shard> validation = options.validation == null ? null
                : pack(options.validation, "validation rows", options.sampleWeighted);
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
        JavaRDD<Shard> shards = pack(rows, "evaluation rows", false);
        try {
            return DistributedEvaluation.of(sc, model, specCast, spec, shards);
        } finally {
            shards.unpersist(false);
            specCast.destroy();
        }
    }

    private JavaRDD<Shard> pack(JavaRDD<float[]> rows, String what, boolean weighted) {
        JavaRDD<Shard> shards = rows.mapPartitionsWithIndex(
                new PackShard(model.inputWidth(), model.targetWidth(), what, weighted), true);
        shards.persist(StorageLevel.MEMORY_ONLY());
        return shards;
    }

    /** Gives each training shard the weights its rows' classes have (on the executor, by core's rule). */
    private static final class ClassWeighShard implements org.apache.spark.api.java.function.Function<Shard, Shard> {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        private final Broadcast<ModelSpec> spec;
        private final java.util.LinkedHashMap<Integer, Double> classWeight;

        ClassWeighShard(Broadcast<ModelSpec> spec, java.util.LinkedHashMap<Integer, Double> classWeight) {
            this.spec = spec;
            this.classWeight = classWeight;
        }

        @Override
        public Shard call(Shard shard) {
            return shard.withWeights(ExecutorModels.of(spec.value()).classWeightsToSampleWeights(shard.y, shard.rows, classWeight));
        }
    }

    private History train(JavaSparkContext sc, Broadcast<ModelSpec> specCast, ModelSpec spec, JavaRDD<Shard> shards,
                          JavaRDD<Shard> validation, SparkFitOptions o) {
        SparkSteps steps = new SparkSteps(sc, model, specCast, spec, shards, validation, o, epochsRun);
        FitOptions loop = FitOptions.epochs(o.epochs).verbose(o.verbose).out(o.out)
                .divergenceFactor(o.divergenceFactor).callbacks(o.callbacks.toArray(Callback[]::new));
        try {
            History history = model.fit(steps, loop);
            epochsRun += history.epochs();
            return history;
        } finally {
            steps.close();
        }
    }
}
