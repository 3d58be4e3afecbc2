package dev.vectornn.spark.examples;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A synthetic classification problem of any size: {@code classes} Gaussian blobs in
 * {@code features} dimensions with seeded centres. Each partition generates its own rows from
 * {@code (seed, partition)}, so a billion rows never pass through the driver and the data set is
 * the same in every run.
 */
public final class GaussianBlobs implements FlatMapFunction<Integer, float[]> {

    @Serial
    private static final long serialVersionUID = 1L;

    final int features;
    final int classes;
    private final long rows;
    private final int partitions;
    private final long seed;
    private final float[][] centres;

    public GaussianBlobs(int features, int classes, long rows, int partitions, long seed) {
        this.features = features;
        this.classes = classes;
        this.rows = rows;
        this.partitions = partitions;
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(0xB10B5L);
        this.centres = new float[classes][features];
        for (float[] c : centres) {
            for (int f = 0; f < features; f++) {
                c[f] = (float) (r.nextGaussian() * 1.5);
            }
        }
    }

    /** The rows ({@code features} values then the class index) as an RDD of {@code partitions} partitions. */
    public JavaRDD<float[]> rdd(JavaSparkContext sc) {
        List<Integer> ids = IntStream.range(0, partitions).boxed().toList();
        return sc.parallelize(ids, partitions).flatMap(this);
    }

    /** The rows of one partition, on the machine that calls it. */
    public List<float[]> partition(int p) {
        long from = rows * p / partitions;
        long to = rows * (p + 1) / partitions;
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + p);
        List<float[]> out = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            int c = r.nextInt(classes);
            float[] row = new float[features + 1];
            for (int f = 0; f < features; f++) {
                row[f] = centres[c][f] + (float) r.nextGaussian();
            }
            row[features] = c;
            out.add(row);
        }
        return out;
    }

    @Override
    public Iterator<float[]> call(Integer p) {
        return partition(p).iterator();
    }
}
