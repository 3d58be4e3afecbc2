package dev.vectornn.spark;

import dev.vectornn.models.NonFiniteLossException;
import dev.vectornn.models.Sequential;
import dev.vectornn.models.StepStrategy;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import java.io.Serial;
import java.util.Map;

/**
 * Spark's step for the shared fit loop: each batch is one {@code treeAggregate} job over the
 * cached shards, and the driver applies the mean gradient to its model. See {@link SparkTrainer}.
 */
final class SparkSteps implements StepStrategy {
    private final JavaSparkContext sc;
    private final Sequential model;
    private final Broadcast<ModelSpec> specCast;
    private final ModelSpec spec;
    private final JavaRDD<Shard> shards;
    private final JavaRDD<Shard> validation;
    private final SparkFitOptions options;
    private final int epochOffset;
    private final long samples;
    private final int batch;
    private final int batches;
    private final int params;
    private final double[] metricSums;
    /** The sum of the epoch's sample weights so far (0 for unweighted rows). */
    private double weightSum;
    private final boolean weighted;
    private JavaRDD<Shard> epochShards;
    private double lastLossSum;

    /**
     * Steps over {@code shards} (and {@code validation}, which may be null); {@code epochOffset}
     * is the number of epochs this trainer ran before, so every epoch is shuffled differently.
     */
    SparkSteps(JavaSparkContext sc, Sequential model, Broadcast<ModelSpec> specCast, ModelSpec spec, JavaRDD<Shard> shards,
               JavaRDD<Shard> validation, SparkFitOptions options, int epochOffset) {
        this.sc = sc;
        this.model = model;
        this.specCast = specCast;
        this.spec = spec;
        this.shards = shards;
        this.validation = validation;
        this.options = options;
        this.epochOffset = epochOffset;
        this.samples = shards.map(new RowCount()).reduce(Long::sum);
        if (samples == 0) {
            throw new IllegalArgumentException("The training rows are empty: nothing to train on");
        }
        this.batch = (int) Math.min(options.batchSize, samples);
        this.batches = StepPlan.steps(samples, batch);
        this.params = model.parameterCount();
        this.metricSums = new double[spec.metrics.size()];
        this.weighted = options.sampleWeighted || options.classWeight != null;
        this.epochShards = shards;
    }

    @Override
    public int batches() {
        return batches;
    }

    @Override
    public long samples() {
        return samples;
    }

    @Override
    public void beginEpoch(int epoch) {
        close();
        if (options.shuffle) {
            epochShards = shards.map(new ShuffleShard(spec.seed, epochOffset + epoch));
            epochShards.persist(StorageLevel.MEMORY_ONLY());
        }
        java.util.Arrays.fill(metricSums, 0);
        weightSum = 0;
    }

    @Override
    public long trainBatch(int epoch, int s) {
        Broadcast<float[]> weights = sc.broadcast(model.getParameters());
        ExactSum sum;
        try {
            sum = epochShards.treeAggregate(new ExactSum(),
                    new GradientStep(specCast, weights, StepPlan.of(s, batch, samples), epoch, s, options.hook),
                    new CombineSums(), options.treeDepth);
        } finally {
            weights.destroy();
        }
        if (sum.divergence() != null) {
            throw diverged("on an executor: " + sum.divergence());
        }
        long rows = sum.rows();
        if (rows == 0) {
            // Only when the batch is smaller than the partition count: every share rounded to 0.
            return 0;
        }
        double batchLoss = sum.get(params);
        if (!Double.isFinite(batchLoss)) {
            throw diverged("the training loss became " + batchLoss);
        }
        float[] mean = new float[params];
        for (int i = 0; i < params; i++) {
            mean[i] = (float) (sum.get(i) / rows);
            if (!Float.isFinite(mean[i])) {
                throw diverged("gradient " + i + " became " + mean[i]);
            }
        }
        model.applyGradients(mean);
        lastLossSum = batchLoss;
        for (int m = 0; m < metricSums.length; m++) {
            metricSums[m] += sum.get(params + 1 + m);
        }
        weightSum += sum.get(params + 1 + metricSums.length);
        return rows;
    }

    private NonFiniteLossException diverged(String what) {
        return new NonFiniteLossException(what + " (Spark): training diverged, and the step was not applied. "
                + "Lower the learning rate (" + model.optimizer().config().get("learning_rate") + "), scale the inputs, or check the data.");
    }

    @Override
    public double lastLossSum() {
        return lastLossSum;
    }

    @Override
    public double metric(int index) {
        if (weighted && index >= spec.weightedFrom) {
            // A weighted mean, as a weighted metric's in fit (0 while no weight was seen).
            return weightSum == 0 ? 0 : metricSums[index] / weightSum;
        }
        return metricSums[index] / samples;
    }

    @Override
    public double currentLoss() {
        return DistributedEvaluation.of(sc, model, specCast, spec, shards).get("loss");
    }

    @Override
    public Map<String, Double> validate() {
        return validation == null ? Map.of() : DistributedEvaluation.of(sc, model, specCast, spec, validation);
    }

    /** Drops the shuffled copy of the current epoch, if any. */
    void close() {
        if (epochShards != shards) {
            epochShards.unpersist(false);
            epochShards = shards;
        }
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

    private static final class CombineSums implements Function2<ExactSum, ExactSum, ExactSum> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public ExactSum call(ExactSum a, ExactSum b) {
            return a.add(b);
        }
    }
}
