package dev.vectornn.spark.examples;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.spark.SparkFitOptions;
import dev.vectornn.models.History;
import dev.vectornn.spark.SparkTrainer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trains a classifier on a generated data set of a million rows (or more) with {@link SparkTrainer},
 * saves the model, stops Spark, and reloads the model to predict on one machine.
 *
 * <pre>
 * LargeDatasetExample [rows=1000000] [epochs=3] [batch=16384] [model file=vectornn-large-model.safetensors]
 * </pre>
 *
 * Under {@code spark-submit} the master comes from the command line; run directly, it is
 * {@code local[*]}. See the README, "Training on Apache Spark".
 */
public final class LargeDatasetExample {

    private static final int FEATURES = 16;
    private static final int CLASSES = 4;

    private LargeDatasetExample() {
    }

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 16_384;
        Path modelPath = Path.of(args.length > 3 ? args[3] : "vectornn-large-model.safetensors");

        SparkConf conf = new SparkConf().setAppName("vectornn large data set").setIfMissing("spark.master", "local[*]")
                .setIfMissing("spark.ui.enabled", "false");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(2, sc.defaultParallelism());

        GaussianBlobs blobs = new GaussianBlobs(FEATURES, CLASSES, rows, partitions, 1);
        GaussianBlobs validationBlobs = new GaussianBlobs(FEATURES, CLASSES, Math.max(1, rows / 20), partitions, 2);
        JavaRDD<float[]> train = blobs.rdd(sc).persist(StorageLevel.MEMORY_ONLY());
        JavaRDD<float[]> validation = validationBlobs.rdd(sc);
        System.out.printf("Training on %,d generated rows (%d features, %d classes) in %d partitions on %s%n",
                rows, FEATURES, CLASSES, partitions, sc.master());

        Sequential model = newModel();
        long start = System.nanoTime();
        History history = new SparkTrainer(model).fit(train,
                SparkFitOptions.epochs(epochs).batchSize(batch).validationData(validation));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Trained in %.1f s: %,.0f samples/s; final val_accuracy %.4f%n",
                seconds, rows * epochs / seconds, history.last("val_accuracy"));
        saveModel(model, modelPath);
        System.out.println("Saved the model to " + modelPath.toAbsolutePath());
        spark.stop();

        // From here on nothing uses Spark: the model is read back and used on this machine only.
        Sequential reloaded = loadModel(modelPath);
        List<float[]> sample = new GaussianBlobs(FEATURES, CLASSES, 10_000, 1, 3).partition(0);
        float[][] x = new float[sample.size()][];
        float[][] y = new float[sample.size()][];
        for (int i = 0; i < sample.size(); i++) {
            x[i] = java.util.Arrays.copyOf(sample.get(i), FEATURES);
            y[i] = new float[] {sample.get(i)[FEATURES]};
        }
        System.out.printf("Reloaded without Spark: accuracy on %,d fresh rows %.4f; first prediction %s%n",
                x.length, reloaded.evaluate(x, y).accuracy(), java.util.Arrays.toString(reloaded.predict(x[0])));
    }

    /** The model: 16 → 32 ReLU → 4 softmax, sparse cross-entropy, Adam (learning rate 0.01). */
    static Sequential newModel() {
        Sequential model = new Sequential(new Dense(32, "relu").inputDim(FEATURES), new Dense(CLASSES, "softmax"));
        model.seed(42);
        model.compile(dev.vectornn.losses.Losses.get("sparse_categorical_crossentropy"),
                Optimizers.get("adam").withConfig(Map.of("learning_rate", 0.01)), "accuracy");
        return model;
    }

    /** Writes the whole model (architecture, weights, optimizer state) with the normal {@code save}. */
    static void saveModel(Sequential model, Path path) {
        try {
            model.save(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the model to " + path, e);
        }
    }

    /** Reads it back with {@code Sequential.load}: nothing of Spark or of this example's code is needed. */
    static Sequential loadModel(Path path) {
        try {
            return Sequential.load(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model from " + path, e);
        }
    }
}
