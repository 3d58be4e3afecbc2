package dev.vectornn.spark.examples;

import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Layer;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;
import dev.vectornn.spark.SparkFitOptions;
import dev.vectornn.spark.SparkTrainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput (samples per second) of single-machine {@code fit} against
 * {@link SparkTrainer} on {@code local[2]}, same data, same model, one epoch per measurement after
 * one warm-up epoch each. An end-to-end wall-clock comparison, not a kernel benchmark: it answers
 * "from which batch size and model size does Spark's per-step overhead pay off?".
 *
 * <pre>ThroughputComparison [rows=200000] [batches=4096,16384,65536] [master=local[2]]</pre>
 *
 * Prints a Markdown table (see spark/RESULTS.md).
 */
public final class ThroughputComparison {

    private ThroughputComparison() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String[] batchArgs = (args.length > 1 ? args[1] : "4096,16384,65536").split(",");
        String master = args.length > 2 ? args[2] : "local[2]";
        int features = 16;
        int classes = 4;
        int partitions = 2;

        SparkSession spark = SparkSession.builder().master(master).appName("vectornn throughput")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());

        GaussianBlobs blobs = new GaussianBlobs(features, classes, rows, partitions, 1);
        JavaRDD<float[]> rdd = blobs.rdd(sc).persist(StorageLevel.MEMORY_ONLY());
        rdd.count();
        List<float[]> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.addAll(blobs.partition(p));
        }
        float[][] x = new float[rows][];
        float[][] y = new float[rows][];
        for (int i = 0; i < rows; i++) {
            x[i] = java.util.Arrays.copyOf(all.get(i), features);
            y[i] = new float[] {all.get(i)[features]};
        }

        System.out.printf("%d rows, %d features, %d classes, Spark %s with %d partitions, backend %s%n%n", rows, features,
                classes, master, partitions, model(new int[] {32}, features, classes).backend().name());
        System.out.println("| model | batch | steps/epoch | fit samples/s | Spark samples/s | Spark/fit | Spark ms/step |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int[] hidden : new int[][] {{32}, {128, 128}}) {
            for (String b : batchArgs) {
                int batch = Integer.parseInt(b.strip());
                // Warm-up epoch each (JIT, Spark's first jobs), then the measured one.
                Sequential local = model(hidden, features, classes);
                local.fit(x, y, FitOptions.epochs(1).batchSize(batch).verbose(0));
                long t0 = System.nanoTime();
                local.fit(x, y, FitOptions.epochs(1).batchSize(batch).verbose(0));
                double fitSeconds = (System.nanoTime() - t0) / 1e9;

                SparkTrainer trainer = new SparkTrainer(model(hidden, features, classes));
                trainer.fit(rdd, SparkFitOptions.epochs(1).batchSize(batch).verbose(0));
                long t1 = System.nanoTime();
                trainer.fit(rdd, SparkFitOptions.epochs(1).batchSize(batch).verbose(0));
                double sparkSeconds = (System.nanoTime() - t1) / 1e9;

                int steps = (rows + batch - 1) / batch;
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %,.0f | %,.0f | %.2f | %.0f |%n", describe(hidden, features, classes),
                        batch, steps, rows / fitSeconds, rows / sparkSeconds, fitSeconds / sparkSeconds,
                        sparkSeconds * 1000 / steps);
            }
        }
        spark.stop();
    }

    private static Sequential model(int[] hidden, int features, int classes) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < hidden.length; i++) {
            Dense d = new Dense(hidden[i], "relu");
            layers.add(i == 0 ? d.inputDim(features) : d);
        }
        layers.add(new Dense(classes, "softmax"));
        Sequential m = new Sequential(layers.toArray(Layer[]::new));
        m.seed(7);
        m.compile("sparse_categorical_crossentropy", "adam");
        return m;
    }

    private static String describe(int[] hidden, int features, int classes) {
        StringBuilder sb = new StringBuilder().append(features);
        for (int h : hidden) {
            sb.append('→').append(h);
        }
        return sb.append('→').append(classes).toString();
    }
}
