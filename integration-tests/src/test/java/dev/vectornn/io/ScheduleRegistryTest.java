package dev.vectornn.io;

import dev.vectornn.VectorNN;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.optimizers.schedules.LearningRateSchedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's own learning-rate schedule ({@link WarmupHold}), registered as a
 * {@code LearningRateScheduleType}, is found by name, saves and loads with its settings, and
 * training resumed from the file is bitwise the training that never stopped.
 */
class ScheduleRegistryTest {

    @TempDir
    Path dir;

    private final float[][][] data = Fixtures.blobs(60, 3);

    @Test
    void itIsFoundByNameWithItsConfig() {
        assertTrue(LearningRateSchedules.names().contains("WarmupHold"), LearningRateSchedules.names().toString());
        var s = LearningRateSchedules.create("warmup_hold", Map.of("peak", 0.1, "warmup_steps", 4L));
        // By hand: (step + 1) / 4 of the peak during the warm-up, then the peak.
        assertEquals(0.025, s.applyAsDouble(0), 1e-15);
        assertEquals(0.075, s.applyAsDouble(2), 1e-15);
        assertEquals(0.1, s.applyAsDouble(4), 0);
        assertEquals(s.config(), LearningRateSchedules.fromConfig(LearningRateSchedules.toConfig(s)).config());
        assertTrue(VectorNN.describe().contains("WarmupHold"), "describe() lists it");
    }

    @Test
    void strictConfigsNameTheWrongKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedules.create("WarmupHold", Map.of("peak", 0.1, "warmup_steps", 4L, "hold", 1L)));
        assertTrue(e.getMessage().contains("hold"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.create("WarmupHold", Map.of("peak", 0.1)));
        assertTrue(e.getMessage().contains("warmup_steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.create("WarmUpAndDown", Map.of()));
        assertTrue(e.getMessage().contains("WarmupHold") && e.getMessage().contains("META-INF/services"), e.getMessage());
    }

    @Test
    void theRateOfTheFirstStepIsTheScheduleAtStepZero() {
        // SGD on one weight: loss (k·1 − 1)², gradient at k = 0 is −2; the first rate is 0.5 / 2 = 0.25,
        // so k becomes 0.5; the second rate is the peak 0.5: gradient 2 · (0.5 − 1) = −1, k becomes 1.0.
        Sequential m = new Sequential(new Dense(1).useBias(false).inputDim(1)).seed(1);
        m.compile("mse", new Sgd(0.1).withLearningRate(new WarmupHold(0.5, 2)));
        m.setParameters(new float[] {0});
        m.trainOnBatch(new float[][] {{1}}, new float[][] {{1}});
        assertEquals(0.5f, m.getParameters()[0], 1e-7f);
        m.trainOnBatch(new float[][] {{1}}, new float[][] {{1}});
        assertEquals(1.0f, m.getParameters()[0], 1e-7f);
    }

    @Test
    void aModelUsingItSavesLoadsAndResumesBitwise() throws IOException {
        Sequential straight = Fixtures.model(new Adam(0.01).withLearningRate(new WarmupHold(0.02, 30)), 7);
        straight.fit(data[0], data[1], Fixtures.quiet(6, 16));

        Sequential first = Fixtures.model(new Adam(0.01).withLearningRate(new WarmupHold(0.02, 30)), 7);
        first.fit(data[0], data[1], Fixtures.quiet(3, 16));
        Path file = dir.resolve("warmup.safetensors");
        first.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(first.optimizer().config(), loaded.optimizer().config());
        assertEquals(Map.of("class_name", "WarmupHold", "config", Map.of("peak", 0.02, "warmup_steps", 30L)),
                loaded.optimizer().config().get("learning_rate"));
        loaded.fit(data[0], data[1], Fixtures.quiet(3, 16));
        assertArrayEquals(straight.getParameters(), loaded.getParameters());
        assertArrayEquals(straight.snapshot().slots(), loaded.snapshot().slots());
    }
}
