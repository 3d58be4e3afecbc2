package dev.vectornn.callbacks;

import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.LearningRateScheduler;
import dev.vectornn.models.ReduceLROnPlateau;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReduceLROnPlateau} and {@link LearningRateScheduler} against the expectations of Keras 3's
 * {@code reduce_lr_on_plateau_test.py} and {@code learning_rate_scheduler_test.py}, and the
 * {@code learning_rate} series of the history. The rates are read back as the optimizers keep
 * them, in float32 (Keras too), so 0.1 × 0.1 reads back as 0.01.
 */
class LearningRateCallbacksTest {

    /** A validation loss that never improves by the huge min_delta of Keras' tests. */
    private static final double[] FLAT = {1, 1, 1, 1};

    /** Keras' {@code test_reduces_lr_with_model_fit}: Adam(0.1), patience 1, min_delta 100, 2 epochs → 0.01. */
    @Test
    void reducesAfterPatienceEpochs() {
        Sequential model = ScriptedSteps.model(new Adam(0.1));
        ScriptedSteps.fit(model, new double[2], new double[] {1, 1},
                FitOptions.defaults().callbacks(new ReduceLROnPlateau("val_loss").patience(1).factor(0.1).minDelta(100)));
        assertEquals(0.01, model.learningRate());
        // The no-argument form watches val_loss with factor 0.1, as Keras' defaults.
        Sequential byDefault = ScriptedSteps.model(new Adam(0.1));
        ScriptedSteps.fit(byDefault, new double[2], new double[] {1, 1},
                FitOptions.defaults().callbacks(new ReduceLROnPlateau().patience(1).minDelta(100)));
        assertEquals(0.01, byDefault.learningRate());
    }

    /** Keras' {@code test_honors_min_lr}: min_delta 10, min_lr 0.005, 4 epochs → 0.005, never lower. */
    @Test
    void honoursMinLr() {
        Sequential model = ScriptedSteps.model(new Adam(0.1));
        History h = ScriptedSteps.fit(model, new double[4], FLAT,
                FitOptions.defaults().callbacks(new ReduceLROnPlateau("val_loss").patience(1).factor(0.1).minDelta(10).minLr(0.005)));
        assertEquals(0.005, model.learningRate());
        // The rate each epoch trained with (logged before the callback lowers it, as Keras logs it):
        // lowered at the end of epochs 1 and 2, then held at min_lr.
        assertEquals(List.of(0.1, 0.1, 0.01, 0.005), h.get("learning_rate"));
    }

    /** A lowered rate is the optimizer's setting: a saved model loads with it. */
    @Test
    void theLoweredRateIsSavedWithTheModel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        Sequential model = ScriptedSteps.model(new Adam(0.1));
        ScriptedSteps.fit(model, new double[2], new double[] {1, 1},
                FitOptions.defaults().callbacks(new ReduceLROnPlateau("val_loss").patience(1).minDelta(100)));
        java.nio.file.Path file = dir.resolve("m.vnn");
        model.save(file);
        assertEquals(0.01, Sequential.load(file).learningRate());
    }

    /** Keras' {@code test_cooldown}: cooldown 2 reduces every other epoch, so 4 epochs end at 0.001. */
    @Test
    void cooldownSkipsEpochs() {
        Sequential model = ScriptedSteps.model(new Adam(0.1));
        History h = ScriptedSteps.fit(model, new double[4], FLAT,
                FitOptions.defaults().callbacks(new ReduceLROnPlateau("val_loss").patience(1).factor(0.1).minDelta(100).cooldown(2)));
        assertEquals(0.001, model.learningRate(), 1e-10);
        assertEquals(List.of(0.1, 0.1, 0.01, 0.01), h.get("learning_rate"));
    }

    /**
     * Keras' {@code test_updates_learning_rate} (schedule 1/(2 + epoch), one epoch → 0.5) and
     * {@code test_schedule_dependent_on_previous_learning_rate} (lr/2 from Adam(0.03), 2 epochs → 0.0075).
     */
    @Test
    void schedulerSetsTheRateEachEpoch() {
        Sequential sgd = ScriptedSteps.model(new Sgd(0.01));
        History h = ScriptedSteps.fit(sgd, new double[1], null,
                FitOptions.defaults().callbacks(new LearningRateScheduler((epoch, lr) -> 1.0 / (2.0 + epoch))));
        assertEquals(0.5, sgd.learningRate());
        // Keras' test_learning_rate_in_history: the epoch's rate is in the history.
        assertEquals(List.of(0.5), h.get("learning_rate"));
        Sequential adam = ScriptedSteps.model(new Adam(0.03));
        ScriptedSteps.fit(adam, new double[2], null, FitOptions.defaults().callbacks(new LearningRateScheduler((epoch, lr) -> lr / 2)));
        assertEquals(0.0075, adam.learningRate(), 1e-9);
    }

    /** Keras 3 logs the rate only where a callback manages it; a plain fit has no learning_rate series. */
    @Test
    void aPlainFitLogsNoRate() {
        History h = ScriptedSteps.fit(ScriptedSteps.model(new Sgd(0.01)), new double[2], new double[] {1, 1}, FitOptions.defaults());
        assertEquals(List.of("loss", "val_loss"), List.copyOf(h.asMap().keySet()));
    }

    @Test
    void schedulerRefusesABadRate() {
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScriptedSteps.fit(model, new double[1], null,
                FitOptions.defaults().callbacks(new LearningRateScheduler((epoch, lr) -> -1))));
        assertTrue(e.getMessage().contains("epoch 0"), e.getMessage());
    }

    /** The rate changes, the optimizer's state stays: Adam's moments and step count survive a setLearningRate. */
    @Test
    void settingTheRateKeepsTheOptimizerState() {
        Sequential model = ScriptedSteps.model(new Adam(0.1));
        float[][] x = {{1}, {2}};
        float[][] y = {{1}, {3}};
        model.trainOnBatch(x, y);
        var before = model.snapshot();
        model.setLearningRate(0.05);
        var after = model.snapshot();
        assertArrayEquals(before.parameters(), after.parameters());
        assertArrayEquals(before.slots(), after.slots());
        assertEquals(before.step(), after.step());
        assertEquals(0.05, model.learningRate());
        assertEquals("adam", model.optimizer().name());
        assertEquals(0.05, ((Number) model.optimizer().config().get("learning_rate")).doubleValue());
    }

    /** Keras refuses to overwrite a schedule ({@code test_throws_when_optimizer_has_schedule}); so does vectornn. */
    @Test
    void refusesToOverwriteASchedule() {
        Sequential model = ScriptedSteps.model(new ScheduledSgd());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.setLearningRate(0.1));
        assertTrue(e.getMessage().contains("schedule"), e.getMessage());
        assertThrows(IllegalStateException.class, model::learningRate);
        // fit still runs, and logs no learning_rate it cannot read (the callback never needed to set one).
        History h = ScriptedSteps.fit(model, new double[1], new double[] {1},
                FitOptions.defaults().callbacks(new ReduceLROnPlateau("val_loss").patience(5)));
        assertTrue(!h.asMap().containsKey("learning_rate"), h.asMap().keySet().toString());
    }

    /** An optimizer whose learning_rate is a schedule's config, as the schedules of the `opt` work report it. */
    private static final class ScheduledSgd implements Optimizer {
        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("learning_rate", Map.of("class_name", "ExponentialDecay", "initial_learning_rate", 0.1));
        }

        @Override
        public Optimizer withConfig(Map<String, Object> config) {
            throw new UnsupportedOperationException("not reached: the rate of a schedule is never replaced");
        }

        @Override
        public int slotsPerParameter() {
            return 0;
        }

        @Override
        public void update(Kernels kernels, int n, float[] params, float[] grads, float[] slots, long step) {
        }
    }
}
