package dev.vectornn.spark;

import dev.vectornn.layers.Dense;
import dev.vectornn.losses.Losses;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Optimizers;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer on a real in-process Spark ({@code local[2]}), one session for the whole class. */
class SparkTrainerTest {

    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("local[2]");
        sc = LocalSpark.context(spark);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {2, 3, 4})
    void oneStepOverPartitionsEqualsOneSingleMachineStep(int partitions) {
        TestData data = new TestData(61, 11);
        Sequential distributed = TestData.model(5, "adam");
        Sequential twin = TestData.model(5, "adam");
        float[] initial = twin.getParameters();
        assertArrayEquals(initial, distributed.getParameters(), "same seed, same initial weights");

        // One epoch with the whole data set as the global batch: exactly one step.
        History h = new SparkTrainer(distributed).fit(sc.parallelize(data.rows(), partitions),
                SparkFitOptions.epochs(1).batchSize(data.x.length).verbose(0));

        double accuracyBefore = twin.evaluate(data.x, data.y).accuracy();
        Sequential.Gradients g = twin.gradients(data.x, data.y);
        twin.applyGradients(g.parameters());

        float[] expected = twin.getParameters();
        float[] actual = distributed.getParameters();
        assertFalse(Arrays.equals(initial, actual), "the step changed the weights");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), "parameter " + i);
        }
        assertEquals(g.meanLoss(), h.last("loss"), 1e-5, "loss of the batch before the step");
        assertEquals(accuracyBefore, h.last("accuracy"), 1e-9, "accuracy of the batch before the step");
    }

    @Test
    void aRunWithAFixedSeedIsRepeatableBitForBit() {
        TestData data = new TestData(120, 3);
        TestData validation = new TestData(50, 4);
        JavaRDD<float[]> rows = sc.parallelize(data.rows(), 3);
        JavaRDD<float[]> val = sc.parallelize(validation.rows(), 2);

        Sequential first = TestData.model(21, "adam");
        History h1 = new SparkTrainer(first).fit(rows,
                SparkFitOptions.epochs(3).batchSize(40).validationData(val).verbose(0));
        Sequential second = TestData.model(21, "adam");
        History h2 = new SparkTrainer(second).fit(rows,
                SparkFitOptions.epochs(3).batchSize(40).validationData(val).verbose(0));

        assertArrayEquals(first.getParameters(), second.getParameters());
        assertEquals(h1, h2);
        assertEquals(List.of("accuracy", "loss", "val_loss", "val_accuracy"), List.copyOf(h1.asMap().keySet()));
        assertEquals(3, h1.epochs());
        assertTrue(h1.get("loss").get(2) < h1.get("loss").get(0), "training lowers the loss: " + h1);
        double valLoss = first.evaluate(validation.x, validation.y).loss();
        assertEquals(valLoss, h1.last("val_loss"), 1e-6, "val_loss is the loss of the final weights");
    }

    @Test
    void runsOnFitsLoopWithCallbacksStoppingAndDivergenceAsFitDoes() {
        TestData data = new TestData(60, 5);
        JavaRDD<float[]> rows = sc.parallelize(data.rows(), 2);
        Sequential model = TestData.model(31, "adam");
        List<String> seen = new java.util.ArrayList<>();
        dev.vectornn.models.Callback recorder = new dev.vectornn.models.Callback() {
            @Override
            public void onBatchEnd(Sequential m, int epoch, int batch, int rows, double loss) {
                seen.add("batch " + epoch + "." + batch);
            }

            @Override
            public void onEpochEnd(Sequential m, int epoch, java.util.Map<String, Double> logs) {
                seen.add("epoch " + epoch);
                if (epoch == 1) {
                    m.stopTraining("enough");
                }
            }
        };
        History h = new SparkTrainer(model).fit(rows, SparkFitOptions.epochs(5).batchSize(30).verbose(0).callbacks(recorder));
        assertEquals(List.of("batch 0.0", "batch 0.1", "epoch 0", "batch 1.0", "batch 1.1", "epoch 1"), seen);
        assertEquals(2, h.epochs());
        assertEquals("enough", h.stoppedBecause());

        // A learning rate of 1e38: the weights overflow within a few steps, while the clipped loss stays finite.
        Sequential wild = TestData.model(32, "sgd");
        wild.compile("sparse_categorical_crossentropy", new dev.vectornn.optimizers.Sgd(1e38));
        float[][] lastGood = {wild.getParameters()};
        dev.vectornn.models.Callback keeper = new dev.vectornn.models.Callback() {
            @Override
            public void onBatchEnd(Sequential m, int epoch, int batch, int rows, double loss) {
                lastGood[0] = m.getParameters();
            }
        };
        var e = assertThrows(dev.vectornn.models.NonFiniteLossException.class, () -> new SparkTrainer(wild).fit(rows,
                SparkFitOptions.epochs(20).batchSize(30).verbose(0).divergenceFactor(Double.POSITIVE_INFINITY).callbacks(keeper)));
        assertTrue(e.epoch() >= 1 && e.batch() >= 1, e.getMessage());
        assertTrue(e.getMessage().contains("the step was not applied"), e.getMessage());
        assertArrayEquals(lastGood[0], wild.getParameters(), "the model keeps the state after the last applied step");
    }

    @Test
    void trainsFromDatasetColumnsAndPrintsOneLinePerEpoch() {
        TestData data = new TestData(40, 8);
        StructType schema = new StructType()
                .add("a", DataTypes.DoubleType)
                .add("rest", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.IntegerType);
        List<Row> records = new java.util.ArrayList<>();
        for (int i = 0; i < data.x.length; i++) {
            records.add(RowFactory.create((double) data.x[i][0], new float[] {data.x[i][1], data.x[i][2]}, (int) data.y[i][0]));
        }
        Dataset<Row> df = spark.createDataFrame(records, schema).repartition(2);

        List<float[]> converted = SparkRows.of(df, List.of("a", "rest"), List.of("label")).collect();
        assertEquals(data.x.length, converted.size());
        assertEquals(TestData.FEATURES + 1, converted.get(0).length);

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Sequential model = TestData.model(1, "adam");
        History h = new SparkTrainer(model).fit(df, List.of("a", "rest"), List.of("label"),
                SparkFitOptions.epochs(2).batchSize(20).out(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)));
        String[] lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        assertTrue(lines[1].matches("Epoch 2/2 - 2/2 ━+ \\d+s \\d+(us|ms|s)/step - accuracy: \\d\\.\\d{4} - loss: \\d\\.\\d{4}"), lines[1]);
        assertEquals(2, h.epochs());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SparkRows.of(df, List.of("nope"), List.of("label")));
        assertTrue(missing.getMessage().contains("'nope'"), missing.getMessage());
    }

    @Test
    void aModelTrainedOnSparkIsSavedAndPredictsInAJvmWithoutSpark(@TempDir Path dir) throws Exception {
        TestData data = new TestData(60, 2);
        Sequential model = TestData.model(17, "adam");
        new SparkTrainer(model).fit(sc.parallelize(data.rows(), 2), SparkFitOptions.epochs(1).batchSize(30).verbose(0));
        Path file = dir.resolve("spark-trained.safetensors");
        model.save(file);

        // Only vectornn core, its JSON parser, the scalar backend and this class: no Spark.
        String fullPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> keep = new java.util.ArrayList<>();
        for (String entry : fullPath.split(java.io.File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            if (e.contains("/core/target/") || e.contains("vectornn-core") || e.contains("backend-scalar")
                    || e.contains("/jackson-core/") || e.endsWith("spark/target/test-classes")) {
                keep.add(entry);
            }
        }
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(java.io.File.pathSeparator, keep), PredictWithoutSpark.class.getName(), file.toString()));
        for (float v : data.x[0]) {
            command.add(Float.toString(v));
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "child JVM on " + keep + " printed: " + out);
        float[] expected = model.predict(data.x[0]);
        String[] lines = out.strip().split("\\R");
        assertEquals(expected.length, lines.length, out);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Integer.parseInt(lines[i]), "output " + i);
        }
    }

    @Test
    void aRowOfTheWrongWidthIsNamedByPartitionAndRow() {
        List<float[]> rows = new TestData(10, 1).rows();
        rows.set(7, new float[] {1, 2});
        Sequential model = TestData.model(1, "sgd");
        SparkException e = assertThrows(SparkException.class, () -> new SparkTrainer(model)
                .fit(sc.parallelize(rows, 2), SparkFitOptions.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("row 2 of partition 1 has 2 values; the model needs 4"), e.getMessage());
    }

    // The README's Spark snippet, run here on the class's session (a Spark start-up is the
    // expensive part); .ci/readme-snippets checks that the README shows exactly the region below.

    /** For the README snippet: four well-separated classes in 16 dimensions; each row is the features, then the class index. */
    private static List<float[]> blobs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 4;
            float[] row = new float[17];
            for (int f = 0; f < 16; f++) {
                row[f] = (f % 4 == label ? 3f : 0f) + (float) random.nextGaussian();
            }
            row[16] = label;
            rows.add(row);
        }
        return rows;
    }

    @Test
    void theReadmeSnippetTrainsAndSaves(@TempDir Path dir) throws Exception {
        List<float[]> trainingRows = blobs(2_000, 1);
        List<float[]> heldOutRows = blobs(400, 2);
        Path path = dir.resolve("model.safetensors");
        // README snippet: spark
        Sequential model = new Sequential(new Dense(32, "relu").inputDim(16), new Dense(4, "softmax"));
        model.seed(42);
        model.compile("sparse_categorical_crossentropy", "adam", "accuracy");

        JavaRDD<float[]> rows = sc.parallelize(trainingRows);          // each row: 16 features, then the class index
        JavaRDD<float[]> validationRows = sc.parallelize(heldOutRows);
        History history = new SparkTrainer(model).fit(rows,
                SparkFitOptions.epochs(3).batchSize(16_384).validationData(validationRows));
        model.save(path);              // the driver's model holds the trained weights
        // end of README snippet
        assertEquals(3, history.epochs());
        assertTrue(history.asMap().containsKey("val_loss"), history.asMap().keySet().toString());
        assertTrue(Files.size(path) > 0);
        float[][] firstRow = {Arrays.copyOf(trainingRows.get(0), 16)};
        assertEquals(model.predict(firstRow)[0][0], Sequential.load(path).predict(firstRow)[0][0]);
    }

    private static Sequential scaledLossModel(double scale) {
        Sequential m = new Sequential(new Dense(6, "tanh").inputDim(TestData.FEATURES), new Dense(TestData.CLASSES));
        m.seed(9);
        m.compile(Losses.get("test_scaled_squared_error").withConfig(Map.of("scale", scale)),
                Optimizers.get("sgd").withConfig(Map.of("learning_rate", 0.2, "momentum", 0.5)), "accuracy");
        return m;
    }

    /**
     * Issue #13: a configured loss and optimizer keep their settings on the executors, which rebuild
     * the model from {@code ModelSpec}; before it carried the loss's config they trained with the
     * loss's defaults, and the weights after a distributed step differed from {@code fit}'s.
     */
    @Test
    void aConfiguredLossAndOptimizerTrainOnSparkAsFitDoes() {
        TestData data = new TestData(60, 17);
        float[][] oneHot = new float[data.x.length][TestData.CLASSES];
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < data.x.length; i++) {
            oneHot[i][(int) data.y[i][0]] = 1;
            float[] row = Arrays.copyOf(data.x[i], TestData.FEATURES + TestData.CLASSES);
            System.arraycopy(oneHot[i], 0, row, TestData.FEATURES, TestData.CLASSES);
            rows.add(row);
        }

        Sequential local = scaledLossModel(0.05);
        Sequential distributed = scaledLossModel(0.05);
        Sequential defaults = scaledLossModel(1.0);
        // Full batch, no shuffle to reconcile: three steps, with momentum carried from step to step.
        local.fit(data.x, oneHot, dev.vectornn.models.FitOptions.epochs(3).batchSize(data.x.length).verbose(0));
        History h = new SparkTrainer(distributed).fit(sc.parallelize(rows, 3),
                SparkFitOptions.epochs(3).batchSize(data.x.length).verbose(0));
        new SparkTrainer(defaults).fit(sc.parallelize(rows, 3),
                SparkFitOptions.epochs(3).batchSize(data.x.length).verbose(0));

        double farthest = assertCloseToFit(local.getParameters(), distributed.getParameters(), defaults.getParameters());
        // Scale 1 against 0.05 is 20 times the gradient: the weights move visibly apart.
        assertTrue(farthest > 1e-3, "the scale must matter, or this test could not catch a lost config: " + farthest);
        assertEquals(Map.of("scale", 0.05), distributed.loss().config());
        assertTrue(h.last("loss") > 0);
    }

    @Test
    void aLossThatDoesNotRoundTripItsConfigIsRefusedOnTheDriver() {
        Sequential m = new Sequential(new Dense(2).inputDim(TestData.FEATURES));
        m.compile(new ScaledSquaredError(0.5) {
            @Override
            public Map<String, Object> config() {
                return Map.of(); // forgets its scale: the executors would train with scale 1
            }
        }, Optimizers.get("sgd"));
        var e = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(m).fit(
                sc.parallelize(List.of(new float[] {1, 2, 3, 0, 1}), 1), SparkFitOptions.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("the loss 'test_scaled_squared_error' has config {}"), e.getMessage());
    }

    /** A model with plain and weighted accuracy, as {@link TestData#model}. */
    private static Sequential weightedModel(long seed) {
        Sequential m = new Sequential(new Dense(8, "relu").inputDim(TestData.FEATURES), new Dense(TestData.CLASSES, "softmax"));
        m.seed(seed);
        m.compile("sparse_categorical_crossentropy", "adam", List.of("accuracy"), List.of("accuracy"));
        return m;
    }

    /**
     * Sample weights and class weights on {@code local[2]} over 3 partitions train as {@code fit}
     * does with the same weights: full batches (no shuffle to reconcile), three Adam steps. As for
     * the unweighted runs above, partition sums add in another order than fit's batch, so the
     * weights agree to a few ulps, not bitwise. The weighted accuracy and the weighted validation
     * loss are those of fit too, and the plain accuracy stays unweighted.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sampleWeight", "classWeight"})
    void weightedTrainingOnPartitionsEqualsFit(String kind) {
        TestData data = new TestData(60, 19);
        TestData val = new TestData(30, 20);
        float[] w = new float[data.x.length];
        float[] vw = new float[val.x.length];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() * 3);
        }
        for (int i = 0; i < vw.length; i++) {
            vw[i] = (float) (r.nextDouble() * 2);
        }
        Map<Integer, Double> classWeight = Map.of(0, 0.5, 2, 4.0);
        boolean samples = kind.equals("sampleWeight");
        List<float[]> rows = samples ? withWeights(data.rows(), w) : data.rows();
        List<float[]> valRows = samples ? withWeights(val.rows(), vw) : val.rows();

        Sequential local = weightedModel(9);
        Sequential distributed = weightedModel(9);
        Sequential unweighted = weightedModel(9);
        dev.vectornn.models.FitOptions fo = dev.vectornn.models.FitOptions.epochs(3).batchSize(data.x.length)
                .shuffle(false).verbose(0);
        History hl = local.fit(data.x, data.y, samples ? fo.sampleWeight(w).validationData(val.x, val.y, vw)
                : fo.classWeight(classWeight).validationData(val.x, val.y));
        SparkFitOptions so = SparkFitOptions.epochs(3).batchSize(data.x.length).shuffle(false).verbose(0)
                .validationData(sc.parallelize(valRows, 2));
        History hd = new SparkTrainer(distributed).fit(sc.parallelize(rows, 3),
                samples ? so.sampleWeighted(true) : so.classWeight(classWeight));
        new SparkTrainer(unweighted).fit(sc.parallelize(data.rows(), 3),
                SparkFitOptions.epochs(3).batchSize(data.x.length).shuffle(false).verbose(0));

        double farthest = assertCloseToFit(local.getParameters(), distributed.getParameters(), unweighted.getParameters());
        assertTrue(farthest > 1e-3, "the weights must matter, or this test could not catch them lost: " + farthest);
        assertEquals(List.copyOf(hl.asMap().keySet()), List.copyOf(hd.asMap().keySet()));
        assertTrue(hd.asMap().containsKey("weighted_accuracy") && hd.asMap().containsKey("val_weighted_accuracy"),
                hd.asMap().keySet().toString());
        for (String key : hl.asMap().keySet()) {
            assertEquals(hl.last(key), hd.last(key), 1e-5, key);
        }
    }

    /**
     * Asserts that the distributed weights {@code actual} are fit's {@code expected} to a few ulps
     * (partition sums add in another order than fit's batch: close, not bitwise), and returns how far
     * {@code other} (a run that must differ) is from {@code expected} at most.
     */
    private static double assertCloseToFit(float[] expected, float[] actual, float[] other) {
        double farthest = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), "parameter " + i);
            farthest = Math.max(farthest, Math.abs(expected[i] - other[i]));
        }
        return farthest;
    }

    private static List<float[]> withWeights(List<float[]> rows, float[] w) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            float[] row = Arrays.copyOf(rows.get(i), rows.get(i).length + 1);
            row[row.length - 1] = w[i];
            out.add(row);
        }
        return out;
    }

    @Test
    void badWeightsAreNamed() {
        Sequential m = weightedModel(2);
        var e = assertThrows(SparkException.class, () -> new SparkTrainer(m).fit(
                sc.parallelize(List.of(new float[] {1, 2, 3, 0, -1f}), 1), SparkFitOptions.epochs(1).verbose(0).sampleWeighted(true)));
        assertTrue(e.getMessage().contains("row 0 of partition 0 has the sample weight -1.0"), e.getMessage());
        var both = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(m).fit(
                sc.parallelize(List.of(new float[] {1, 2, 3, 0, 1f}), 1),
                SparkFitOptions.epochs(1).verbose(0).sampleWeighted(true).classWeight(Map.of(0, 2.0))));
        assertTrue(both.getMessage().contains("classWeight"), both.getMessage());
        var badClass = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(m).fit(
                sc.parallelize(List.of(new float[] {1, 2, 3, 0}), 1), SparkFitOptions.epochs(1).verbose(0).classWeight(Map.of(7, 2.0))));
        assertTrue(badClass.getMessage().contains("class 7"), badClass.getMessage());
    }
}
