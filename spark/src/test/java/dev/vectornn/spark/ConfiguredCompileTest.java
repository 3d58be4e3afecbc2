package dev.vectornn.spark;

import dev.vectornn.layers.Dense;
import dev.vectornn.losses.Losses;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Optimizers;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #13: a configured loss and optimizer keep their settings on the executors. The executors
 * rebuild the model from {@code ModelSpec}; before it carried the loss's config they trained with
 * the loss's defaults, so the weights after one distributed step differed from {@code fit}'s.
 */
class ConfiguredCompileTest {

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

    private static Sequential model(double scale) {
        Sequential m = new Sequential(new Dense(6, "tanh").inputDim(TestData.FEATURES), new Dense(TestData.CLASSES));
        m.seed(9);
        m.compile(Losses.get("test_scaled_squared_error").withConfig(Map.of("scale", scale)),
                Optimizers.get("sgd").withConfig(Map.of("learning_rate", 0.2, "momentum", 0.5)), "accuracy");
        return m;
    }

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

        Sequential local = model(0.05);
        Sequential distributed = model(0.05);
        Sequential defaults = model(1.0);
        // Full batch, no shuffle to reconcile: three steps, with momentum carried from step to step.
        local.fit(data.x, oneHot, dev.vectornn.models.FitOptions.epochs(3).batchSize(data.x.length).verbose(0));
        History h = new SparkTrainer(distributed).fit(sc.parallelize(rows, 3),
                SparkFitOptions.epochs(3).batchSize(data.x.length).verbose(0));
        new SparkTrainer(defaults).fit(sc.parallelize(rows, 3),
                SparkFitOptions.epochs(3).batchSize(data.x.length).verbose(0));

        float[] expected = local.getParameters();
        float[] actual = distributed.getParameters();
        float[] withDefaults = defaults.getParameters();
        double farthest = 0;
        for (int i = 0; i < expected.length; i++) {
            // Partition sums add in another order than fit's batch: a few ulps apart, not bitwise.
            assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), "parameter " + i);
            farthest = Math.max(farthest, Math.abs(expected[i] - withDefaults[i]));
        }
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
}
