package dev.vectornn.io;

import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A loaded model answers 8 threads at once exactly as it answers one. */
class ConcurrentPredictTest {

    private static final int THREADS = 8;
    private static final int PREDICTIONS = 10_000;

    @TempDir
    Path dir;

    @Test
    void eightThreadsGetBitwiseTheSingleThreadedAnswers() throws Exception {
        float[][][] train = Fixtures.blobs(90, 1);
        Sequential trained = Fixtures.model(new Adam(0.01), 8);
        trained.fit(train[0], train[1], Fixtures.quiet(5, 8));
        Path file = dir.resolve("m.safetensors");
        trained.save(file);
        Sequential model = Sequential.load(file);

        float[][] x = Fixtures.blobs(PREDICTIONS, 2)[0];
        float[][] expected = new float[PREDICTIONS][];
        for (int i = 0; i < PREDICTIONS; i++) {
            expected[i] = model.predict(x[i]);
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * (PREDICTIONS / THREADS); // each thread starts elsewhere, so they overlap in time
                boolean batched = t % 2 == 1;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int k = 0; k < PREDICTIONS; k++) {
                        int i = (first + k) % PREDICTIONS;
                        float[] got = batched ? model.predict(new float[][] {x[i], x[(i + 1) % PREDICTIONS]})[0]
                                : model.predict(x[i]);
                        SaveLoadTest.assertBitwiseEqual(expected[i], got);
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertEquals(PREDICTIONS, f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evaluateFromManyThreadsGivesTheSingleThreadedResult() throws Exception {
        float[][][] data = Fixtures.blobs(300, 3); // more rows than one scratch chunk (256)
        Sequential model = Fixtures.model(new Adam(0.01), 4);
        model.fit(data[0], data[1], Fixtures.quiet(2, 16));
        var expected = model.evaluate(data[0], data[1]).asMap();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 100; k++) {
                        assertEquals(expected, model.evaluate(data[0], data[1]).asMap());
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
