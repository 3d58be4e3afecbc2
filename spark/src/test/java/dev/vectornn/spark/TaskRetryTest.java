package dev.vectornn.spark;

import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A task that fails on purpose is retried by Spark ({@code local[2,3]}: up to 3 attempts) and the
 * training ends exactly as without the failure.
 */
class TaskRetryTest {

    /** Executors run in this JVM under {@code local[...]}, so the hook can count here. */
    private static final AtomicInteger INJECTED = new AtomicInteger();

    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("local[2,3]");
        sc = LocalSpark.context(spark);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void aFailedFirstAttemptIsRetriedAndTrainingEndsTheSame() {
        TestData data = new TestData(120, 9);
        JavaRDD<float[]> rows = sc.parallelize(data.rows(), 3);

        Sequential clean = TestData.model(13, "adam");
        History expected = new SparkTrainer(clean).fit(rows, SparkFitOptions.epochs(2).batchSize(40).verbose(0));

        Sequential failing = TestData.model(13, "adam");
        History actual = new SparkTrainer(failing).fit(rows, SparkFitOptions.epochs(2).batchSize(40).verbose(0)
                .taskHook(TaskRetryTest::failFirstAttemptOfOneTask));

        assertEquals(1, INJECTED.get(), "exactly one attempt was made to fail");
        assertArrayEquals(clean.getParameters(), failing.getParameters());
        assertEquals(expected, actual);
    }

    /** Fails the first attempt of partition 1's task in epoch 2, step 2. */
    private static void failFirstAttemptOfOneTask(int epoch, int step, int partition) {
        if (epoch == 1 && step == 1 && partition == 1 && TaskContext.get().attemptNumber() == 0) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure of the first attempt (epoch 2, step 2, partition 1)");
        }
    }
}
