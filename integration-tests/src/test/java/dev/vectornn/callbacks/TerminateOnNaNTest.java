package dev.vectornn.callbacks;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.EarlyStopping;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.NonFiniteLossException;
import dev.vectornn.models.Sequential;
import dev.vectornn.models.TerminateOnNaN;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TerminateOnNaN} on a model that overflows: one weight {@code k}, samples ±1000, targets
 * 0, SGD with rate 10. Each step multiplies {@code k} by {@code 1 − 2·10·10⁶} (the MSE gradient
 * {@code 2·k·x²}), so from {@code k = 1} the float32 loss {@code (1000·k)²} is 10⁶, 4·10²⁰,
 * 1.6·10³⁵ and then overflows to infinity at the fourth step (epoch 3 from 0).
 */
class TerminateOnNaNTest {

    private static final float[][] X = {{1000}, {-1000}};
    private static final float[][] Y = {{0}, {0}};

    private static Sequential model() {
        Sequential m = new Sequential(new Dense(1).useBias(false).inputDim(1)).seed(5);
        m.compile("mse", new Sgd(10));
        m.setParameters(new float[] {1});
        return m;
    }

    private static FitOptions options() {
        return FitOptions.epochs(10).batchSize(2).shuffle(false).verbose(0).divergenceFactor(Double.POSITIVE_INFINITY);
    }

    @Test
    void endsTrainingQuietlyAtTheFirstInfiniteLoss() {
        Sequential m = model();
        History h = m.fit(X, Y, options().callbacks(new TerminateOnNaN()));
        assertEquals(3, h.epochs());
        assertTrue(h.stoppedBecause().startsWith("TerminateOnNaN") && h.stoppedBecause().contains("epoch 4"), h.stoppedBecause());
        // The refused step was not applied: k is what the third step left, still finite.
        assertTrue(Float.isFinite(m.getParameters()[0]));
    }

    @Test
    void withoutItTheSameRunThrowsAndKeepsTheSameState() {
        Sequential quiet = model();
        quiet.fit(X, Y, options().callbacks(new TerminateOnNaN()));
        Sequential loud = model();
        assertThrows(NonFiniteLossException.class, () -> loud.fit(X, Y, options()));
        assertArrayEquals(quiet.getParameters(), loud.getParameters());
    }

    /** The other callbacks still end: EarlyStopping restores its best (the first, lowest loss) epoch's weights. */
    @Test
    void otherCallbacksStillGetTrainEnd() {
        Sequential m = model();
        float[] start = m.getParameters();
        m.fit(X, Y, options().callbacks(new TerminateOnNaN(), new EarlyStopping("loss").patience(10).restoreBestWeights(true)));
        // Epoch 0's loss (measured before its step) is the lowest; its end weights are k after one step.
        assertEquals(start[0] * (1 - 2 * 10 * 1e6f), m.getParameters()[0], 1e-3f * 2e7f);
    }
}
