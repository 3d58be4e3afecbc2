package dev.vectornn.callbacks;

import dev.vectornn.models.EarlyStopping;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EarlyStopping} on the scripted loss sequences of Keras 3's own tests
 * ({@code keras/src/callbacks/early_stopping_test.py}), where each expected epoch is quoted from.
 */
class EarlyStoppingTest {

    private static final double[] PATIENCE_LOSSES = {10.0, 9.0, 8.0, 9.0, 8.9, 8.8, 8.7, 8.6, 8.5};

    /**
     * Keras' {@code test_early_stopping_patience}: losses 10, 9, 8, 9, 8.9 ... with patience 0 to 3
     * stop at epoch {@code max(patience, 1) + 2} (from 0). The old rule ({@code wait > patience})
     * ran one epoch more.
     */
    @ParameterizedTest(name = "patience={0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void stopsWhenWaitReachesPatienceAsKeras(int patience) {
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        EarlyStopping stopper = new EarlyStopping("loss").patience(patience);
        History h = ScriptedSteps.fit(model, PATIENCE_LOSSES, null, FitOptions.defaults().callbacks(stopper));
        int expected = Math.max(patience, 1) + 2;
        assertEquals(expected, stopper.stoppedEpoch());
        assertEquals(expected + 1, h.epochs());
        assertTrue(h.stoppedBecause().startsWith("early stopping"), h.stoppedBecause());
    }

    /**
     * Keras' {@code test_early_stopping_final_weights_when_restoring_model_weights}: val_loss
     * 0.2, 0.15, 0.1, 0.11, 0.12 with patience 2 stops after epoch 4 and restores epoch 2's weights.
     */
    @Test
    void restoresTheBestEpochsWeightsBitwise() {
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        EarlyStopping stopper = new EarlyStopping().patience(2).restoreBestWeights(true);   // monitors val_loss, as Keras
        double[] val = {0.2, 0.15, 0.1, 0.11, 0.12};
        History h = ScriptedSteps.fit(model, new double[val.length], val, FitOptions.defaults().callbacks(stopper));
        assertEquals(5, h.epochs());
        assertEquals(2, stopper.bestEpoch());
        assertEquals(2, ScriptedSteps.weightsEpoch(model));
    }

    /**
     * The same test's baseline case: val_loss 0.9, 0.8, 0.7, 0.71, 0.72, 0.73 never beats the
     * baseline 0.5, so with patience 5 Keras trains exactly 5 epochs and restores epoch 2.
     */
    @Test
    void aBaselineNeverReachedStopsAfterPatienceEpochs() {
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        EarlyStopping stopper = new EarlyStopping("val_loss").patience(5).baseline(0.5).restoreBestWeights(true);
        double[] val = {0.9, 0.8, 0.7, 0.71, 0.72, 0.73};
        History h = ScriptedSteps.fit(model, new double[val.length], val, FitOptions.defaults().callbacks(stopper));
        assertEquals(5, h.epochs());
        assertEquals(2, ScriptedSteps.weightsEpoch(model));
    }

    /**
     * Keras 3 restores the best weights in {@code on_train_end} even when patience never ran out:
     * val_loss 0.3, 0.1, 0.2, 0.25 with patience 10 runs all 4 epochs and ends with epoch 1's weights.
     */
    @Test
    void restoresTheBestWeightsAlsoWhenTrainingRanEveryEpoch() {
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        EarlyStopping stopper = new EarlyStopping("val_loss").patience(10).restoreBestWeights(true);
        History h = ScriptedSteps.fit(model, new double[4], new double[] {0.3, 0.1, 0.2, 0.25},
                FitOptions.defaults().callbacks(stopper));
        assertEquals(4, h.epochs());
        assertEquals("", h.stoppedBecause());
        assertEquals(1, ScriptedSteps.weightsEpoch(model));
    }

    /**
     * {@code start_from_epoch}: epochs before it are not watched. Losses rising from the start
     * (1, 2, 3, 4, 5, 6) with patience 1 and start_from_epoch 2: epoch 2 is the first watched and
     * becomes the best, epoch 3 waits 1 ≥ 1, so training stops there (Keras' rule, traced by hand
     * through {@code on_epoch_end}); without the warm-up it would stop at epoch 1.
     */
    @Test
    void startFromEpochIgnoresTheWarmUp() {
        double[] losses = {1, 2, 3, 4, 5, 6};
        EarlyStopping warm = new EarlyStopping("loss").patience(1).startFromEpoch(2);
        ScriptedSteps.fit(ScriptedSteps.model(new Sgd(0.01)), losses, null, FitOptions.defaults().callbacks(warm));
        assertEquals(3, warm.stoppedEpoch());
        EarlyStopping cold = new EarlyStopping("loss").patience(1);
        ScriptedSteps.fit(ScriptedSteps.model(new Sgd(0.01)), losses, null, FitOptions.defaults().callbacks(cold));
        assertEquals(1, cold.stoppedEpoch());
    }

    /**
     * {@code min_delta} in {@code mode="max"}: values 0.5, 0.6, 0.62, 0.63 with min_delta 0.05 and
     * patience 2: only 0.6 beats the best by more than 0.05, so epochs 2 and 3 wait and training
     * stops at epoch 3 (Keras' test: {@code greater(current - min_delta, best)}); without
     * min_delta every epoch improves and training runs on.
     */
    @Test
    void minDeltaInMaxMode() {
        double[] val = {0.5, 0.6, 0.62, 0.63, 0.64};
        EarlyStopping withDelta = new EarlyStopping("val_loss").mode("max").minDelta(0.05).patience(2);
        History h = ScriptedSteps.fit(ScriptedSteps.model(new Sgd(0.01)), new double[val.length], val,
                FitOptions.defaults().callbacks(withDelta));
        assertEquals(3, withDelta.stoppedEpoch());
        assertEquals(4, h.epochs());
        EarlyStopping without = new EarlyStopping("val_loss").mode("max").patience(2);
        History all = ScriptedSteps.fit(ScriptedSteps.model(new Sgd(0.01)), new double[val.length], val,
                FitOptions.defaults().callbacks(without));
        assertEquals(5, all.epochs());
        assertEquals(-1, without.stoppedEpoch());
    }

    @Test
    void refusesWhatItCannotWatch() {
        IllegalArgumentException auto = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_score"));
        assertTrue(auto.getMessage().contains("give mode \"min\" or \"max\""), auto.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("loss").mode("sideways"));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("loss").patience(-1));
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ScriptedSteps.fit(model,
                new double[3], null, FitOptions.defaults().callbacks(new EarlyStopping("val_loss"))));
        assertTrue(missing.getMessage().contains("validation values need validation data"), missing.getMessage());
    }
}
