package dev.vectornn.optimizers.schedules;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The four Keras schedules at given steps (values from the formulas of
 * keras/src/optimizers/schedules/learning_rate_schedule.py, worked in double here), their configs
 * in Keras' nested form and back, and their errors.
 */
class LearningRateSchedulesTest {

    private static final double TOL = 1e-15;

    @Test
    void exponentialDecay() {
        // 0.1 · 0.96^(500/1000) = 0.0979795897; staircase: 0.1 · 0.96^⌊1500/1000⌋ = 0.096.
        assertEquals(0.1, new ExponentialDecay(0.1, 1000, 0.96, false).applyAsDouble(0), TOL);
        assertEquals(0.09797958971132713, new ExponentialDecay(0.1, 1000, 0.96, false).applyAsDouble(500), TOL);
        assertEquals(0.096, new ExponentialDecay(0.1, 1000, 0.96, true).applyAsDouble(1500), TOL);
        assertEquals(0.1, new ExponentialDecay(0.1, 1000, 0.96, true).applyAsDouble(999), TOL);
    }

    @Test
    void inverseTimeDecay() {
        // 0.1 / (1 + 0.5 · 500/1000) = 0.08; staircase: 0.1 / (1 + 0.5 · ⌊1500/1000⌋) = 0.0666…
        assertEquals(0.08, new InverseTimeDecay(0.1, 1000, 0.5, false).applyAsDouble(500), TOL);
        assertEquals(0.1 / 1.5, new InverseTimeDecay(0.1, 1000, 0.5, true).applyAsDouble(1500), TOL);
    }

    @Test
    void piecewiseConstantDecayAsKerasDocuments() {
        // Keras' docstring example: boundaries [100000, 110000], values [1.0, 0.5, 0.1]:
        // 1.0 for the first 100001 steps, 0.5 for the next 10000, then 0.1.
        PiecewiseConstantDecay s = new PiecewiseConstantDecay(new long[] {100_000, 110_000}, new double[] {1.0, 0.5, 0.1});
        assertEquals(1.0, s.applyAsDouble(0));
        assertEquals(1.0, s.applyAsDouble(100_000));
        assertEquals(0.5, s.applyAsDouble(100_001));
        assertEquals(0.5, s.applyAsDouble(110_000));
        assertEquals(0.1, s.applyAsDouble(110_001));
        assertEquals(0.1, s.applyAsDouble(Long.MAX_VALUE));
    }

    @Test
    void cosineDecay() {
        // 0.1 · ½(1 + cos(π/4)) = 0.0853553391 at step 250 of 1000; with alpha 0.1 at step 500:
        // 0.1 · (0.9 · 0.5 + 0.1) = 0.055; past decay_steps the step is capped: 0.1 · alpha = 0.01.
        assertEquals(0.1, new CosineDecay(0.1, 1000).applyAsDouble(0), TOL);
        assertEquals(0.08535533905932738, new CosineDecay(0.1, 1000).applyAsDouble(250), TOL);
        assertEquals(0.055, new CosineDecay(0.1, 1000, 0.1, null, 0).applyAsDouble(500), TOL);
        assertEquals(0.01, new CosineDecay(0.1, 1000, 0.1, null, 0).applyAsDouble(2000), TOL);
    }

    @Test
    void cosineDecayWithWarmUp() {
        // Keras' docstring shape: from 0 up to warmup_target 0.1 over 100 steps, then cosine over 1000:
        // step 50 → 0.05 (linear), 100 → 0.1, 600 → 0.1 · ½(1 + cos(π/2)) = 0.05, beyond 1100 → 0.
        CosineDecay s = new CosineDecay(0.0, 1000, 0, 0.1, 100);
        assertEquals(0.0, s.applyAsDouble(0), TOL);
        assertEquals(0.05, s.applyAsDouble(50), TOL);
        assertEquals(0.1, s.applyAsDouble(100), TOL);
        assertEquals(0.05, s.applyAsDouble(600), TOL);
        assertEquals(0.0, s.applyAsDouble(5000), TOL);
    }

    @Test
    void decaySchedulesNeverIncreaseAndStayWithinTheirRange() {
        List<LearningRateSchedule> decays = List.of(new ExponentialDecay(0.1, 100, 0.5, false),
                new ExponentialDecay(0.1, 100, 0.5, true), new InverseTimeDecay(0.1, 100, 2, false),
                new CosineDecay(0.1, 1000, 0.2, null, 0));
        qt().withExamples(200).withFixedSeed(2).forAll(longs().between(0, 1_000_000)).checkAssert(step -> {
            for (LearningRateSchedule s : decays) {
                double now = s.applyAsDouble(step);
                double next = s.applyAsDouble(step + 1);
                assertTrue(next <= now, s + " rose from " + now + " to " + next + " at step " + step);
                assertTrue(now >= 0 && now <= 0.1, s + " gave " + now);
            }
        });
    }

    @Test
    void everyScheduleRoundTripsThroughItsNestedConfig() {
        List<LearningRateSchedule> all = List.of(new ExponentialDecay(0.2, 7, 0.9, true),
                new InverseTimeDecay(0.3, 11, 0.25, false),
                new PiecewiseConstantDecay(new long[] {5, 9}, new double[] {0.1, 0.01, 0.001}),
                new CosineDecay(0.01, 50, 0.05, 0.2, 10), new CosineDecay(0.01, 50));
        for (LearningRateSchedule s : all) {
            Map<String, Object> nested = LearningRateSchedules.toConfig(s);
            assertEquals(s.className(), nested.get("class_name"));
            LearningRateSchedule back = LearningRateSchedules.fromConfig(nested);
            assertEquals(s.config(), back.config(), s.toString());
            for (long step = 0; step < 80; step++) {
                assertEquals(Double.doubleToLongBits(s.applyAsDouble(step)), Double.doubleToLongBits(back.applyAsDouble(step)));
            }
        }
        assertEquals(List.of("ExponentialDecay", "PiecewiseConstantDecay", "CosineDecay", "InverseTimeDecay"),
                LearningRateSchedules.names());
        assertEquals("CosineDecay", LearningRateSchedules.create("cosine_decay",
                Map.of("initial_learning_rate", 0.1, "decay_steps", 10L)).className());
    }

    @Test
    void aPlainFunctionHasANestedFormThatCannotBeRebuilt() {
        Map<String, Object> nested = LearningRateSchedules.toConfig(step -> 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.fromConfig(nested));
        assertTrue(e.getMessage().contains("plain LongToDoubleFunction") && e.getMessage().contains("cannot be saved"),
                e.getMessage());
    }

    @Test
    void badSettingsAreNamed() {
        assertMessage("decay_steps", () -> new ExponentialDecay(0.1, 0, 0.9, false));
        assertMessage("decay_rate", () -> new InverseTimeDecay(0.1, 10, -1, false));
        assertMessage("initial_learning_rate", () -> new CosineDecay(-0.1, 10));
        assertMessage("alpha", () -> new CosineDecay(0.1, 10, 1.5, null, 0));
        assertMessage("warmup_steps", () -> new CosineDecay(0.1, 10, 0, 0.2, -1));
        assertMessage("one more entry", () -> new PiecewiseConstantDecay(new long[] {5}, new double[] {0.1}));
        assertMessage("increase strictly", () -> new PiecewiseConstantDecay(new long[] {5, 5}, new double[] {0.1, 0.2, 0.3}));
        assertMessage("values", () -> new PiecewiseConstantDecay(new long[] {5}, new double[] {0.1, -2}));
        assertMessage("decay_rte", () -> new ExponentialDecay(Map.of("initial_learning_rate", 0.1, "decay_steps", 5L,
                "decay_rte", 0.5)));
        assertMessage("Unknown learning-rate schedule 'Cosine'", () -> LearningRateSchedules.create("Cosine", Map.of()));
        Map<String, Object> noConfig = new HashMap<>();
        noConfig.put("class_name", "ExponentialDecay");
        assertMessage("initial_learning_rate", () -> LearningRateSchedules.fromConfig(noConfig));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
}
