package dev.vectornn.io;

import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adagrad;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.AdamW;
import dev.vectornn.optimizers.Adamax;
import dev.vectornn.optimizers.Lion;
import dev.vectornn.optimizers.Nadam;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.RmsProp;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.optimizers.schedules.CosineDecay;
import dev.vectornn.optimizers.schedules.ExponentialDecay;
import dev.vectornn.optimizers.schedules.InverseTimeDecay;
import dev.vectornn.optimizers.schedules.PiecewiseConstantDecay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every optimizer with non-default settings, a learning-rate schedule, weight decay and clipping
 * saves and loads with all of it (issue 14 item 5), and training resumed from the file is bitwise
 * the training that never stopped: the schedule is evaluated at the saved step count.
 */
class OptimizerScheduleResumeTest {

    @TempDir
    Path dir;

    private final float[][][] data = Fixtures.blobs(60, 3);

    /**
     * Every optimizer with settings of its own, a schedule, and weight decay or clipping. The
     * schedules change over the 60 steps before and the 60 after SaveLoadTest's save.
     */
    static Stream<Optimizer> configured() {
        return Stream.of(
                new AdamW(0.01, 0.02).withConfig(Map.of("beta_1", 0.85, "clipnorm", 1.0))
                        .withLearningRate(new CosineDecay(0.0, 150, 0.1, 0.02, 20)),
                new Nadam(0.005).withConfig(Map.of("epsilon", 1e-6, "global_clipnorm", 0.5))
                        .withLearningRate(new ExponentialDecay(0.01, 25, 0.9, true)),
                new Adamax(0.02).withConfig(Map.of("beta_2", 0.99, "clipvalue", 0.1, "weight_decay", 0.001))
                        .withLearningRate(new CosineDecay(0.02, 200)),
                new Lion(0.001).withConfig(Map.of("beta_2", 0.95, "weight_decay", 0.1))
                        .withLearningRate(new PiecewiseConstantDecay(new long[] {30, 90}, new double[] {3e-3, 1e-3, 3e-4})),
                new Sgd(0.05, 0.9, true).withConfig(Map.of("clipnorm", 0.3, "weight_decay", 1e-3))
                        .withLearningRate(new InverseTimeDecay(0.05, 20, 0.5, false)),
                new Adam(0.01).withConfig(Map.of("weight_decay", 0.004, "clipvalue", 0.2))
                        .withLearningRate(new InverseTimeDecay(0.01, 30, 1.0, true)),
                new RmsProp(0.01).withConfig(Map.of("rho", 0.8, "global_clipnorm", 1.0))
                        .withLearningRate(new ExponentialDecay(0.01, 40, 0.5, false)),
                new Adagrad(0.05).withConfig(Map.of("initial_accumulator_value", 0.2, "clipnorm", 2.0))
                        .withLearningRate(new PiecewiseConstantDecay(new long[] {70}, new double[] {0.05, 0.02})));
    }

    /**
     * Saved mid-schedule, the model loads with the same settings and the same next rate; that
     * training then resumes bitwise is {@code SaveLoadTest.trainingResumesExactlyAfterSaveAndLoad},
     * which runs every optimizer here.
     */
    @ParameterizedTest
    @MethodSource("configured")
    void savesAndLoadsWithItsSettingsAndItsPlaceInTheSchedule(Optimizer optimizer) throws IOException {
        Sequential first = Fixtures.model(optimizer, 7);
        first.fit(data[0], data[1], Fixtures.quiet(3, 16));
        Path file = dir.resolve("half.safetensors");
        first.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(optimizer.getClass(), loaded.optimizer().getClass());
        assertEquals(optimizer.config(), loaded.optimizer().config(), "the settings and the schedule read back");
        long step = first.snapshot().step();
        assertEquals(step, loaded.snapshot().step());
        for (long s = step; s < step + 20; s++) {
            assertEquals(Double.doubleToLongBits(first.optimizer().learningRate(s)),
                    Double.doubleToLongBits(loaded.optimizer().learningRate(s)), "the rate at step " + s);
        }
        assertTrue(loaded.summary().contains(loaded.optimizer().config().get("learning_rate").toString()),
                "summary() shows the optimizer with its schedule");
    }

    @Test
    void aModelWhoseRateIsAPlainFunctionCannotBeSavedAndSaysWhy() {
        Sequential m = Fixtures.model(new Adam().withLearningRate(step -> 0.01 / (1 + step)), 1);
        m.fit(data[0], data[1], Fixtures.quiet(1, 16));
        Path file = dir.resolve("never.safetensors");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.save(file));
        assertTrue(e.getMessage().contains("plain LongToDoubleFunction") && e.getMessage().contains("cannot be saved"),
                e.getMessage());
        assertFalse(Files.exists(file), "nothing was written");
    }

    @Test
    void clipnormClipsEachLayerTensorOfTheModelOnItsOwn() {
        // The gain layer's 4 weights, then dense 1's kernel (4×16) and bias (16), then dense 2's
        // kernel (16×3) and bias (3): a gradient of 1 everywhere has norms 2, 8, 4, √48 and √3.
        // SGD with lr 1 and clipnorm 2 moves each tensor by its clipped gradient: 1, 2/8, 2/4,
        // 2/√48 and 1 per element (Keras' _clip_by_norm per variable).
        Sequential m = Fixtures.model(new Sgd(1.0).withConfig(Map.of("clipnorm", 2.0)), 5);
        float[] before = m.getParameters();
        float[] g = new float[before.length];
        Arrays.fill(g, 1f);
        m.applyGradients(g);
        float[] after = m.getParameters();
        float[] expectedStep = new float[before.length];
        int at = 0;
        at = fill(expectedStep, at, 4, 1f);
        at = fill(expectedStep, at, 64, 2f / 8);
        at = fill(expectedStep, at, 16, 2f / 4);
        at = fill(expectedStep, at, 48, (float) (2 / Math.sqrt(48)));
        at = fill(expectedStep, at, 3, 1f);
        assertEquals(before.length, at);
        for (int i = 0; i < before.length; i++) {
            assertEquals(expectedStep[i], before[i] - after[i], 1e-6, "parameter " + i);
        }
        assertArrayEquals(filled(before.length, 1f), g, "the caller's gradient is not clipped in place");
    }

    @Test
    void aScheduleThatFailsLeavesTheModelAsItWas() {
        Sequential m = Fixtures.model(new Sgd().withLearningRate(step -> step < 2 ? 0.1 : Double.NaN), 5);
        float[] g = filled(m.parameterCount(), 0.5f);
        m.applyGradients(g);
        m.applyGradients(g);
        float[] before = m.getParameters();
        long step = m.snapshot().step();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.applyGradients(g));
        assertTrue(e.getMessage().contains("NaN at step 2"), e.getMessage());
        assertBitwiseEqual(before, m.getParameters());
        assertEquals(step, m.snapshot().step());
    }

    private static int fill(float[] a, int from, int count, float v) {
        Arrays.fill(a, from, from + count, v);
        return from + count;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private static void assertBitwiseEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    "element " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }
}
