package dev.vectornn.models;

/**
 * Ends training, without an exception, at the first step whose loss (or gradient, or updated
 * parameters) is not finite, as Keras 3's {@code keras.callbacks.TerminateOnNaN}.
 *
 * <p>Without it {@code fit} throws {@link NonFiniteLossException}. With it, {@code fit} returns
 * the history of the epochs completed so far (the interrupted epoch is not recorded),
 * {@link History#stoppedBecause()} names the epoch and batch, and the model keeps the state of
 * the last finite step: vectornn never applies a non-finite step, where Keras has already applied
 * it. Every callback still gets {@code onTrainEnd}, so {@code EarlyStopping.restoreBestWeights}
 * still restores. A {@link StepStrategy} that reports a non-finite batch loss instead of throwing
 * ends training after that epoch.
 */
public final class TerminateOnNaN implements Callback {

    @Override
    public void onBatchEnd(Sequential model, int epoch, int batch, int rows, double loss) {
        if (!Double.isFinite(loss)) {
            model.stopTraining("TerminateOnNaN: batch " + (batch + 1) + " of epoch " + (epoch + 1) + " had the loss " + loss);
        }
    }
}
