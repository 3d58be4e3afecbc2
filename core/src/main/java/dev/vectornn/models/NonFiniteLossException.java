package dev.vectornn.models;

/**
 * Thrown when training diverges: the loss, a gradient or an updated parameter stops being finite,
 * or an epoch's loss grows far beyond the loss training started from (see
 * {@link FitOptions#divergenceFactor(double)}). The step that diverged is not applied: the model
 * keeps its last finite state, so it can still be saved, evaluated or trained on with other
 * settings.
 */
public final class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    /** An exception with this message that names no epoch or batch. */
    public NonFiniteLossException(String message) {
        this(message, -1, -1);
    }

    private NonFiniteLossException(String message, int epoch, int batch) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The epoch that diverged, counted from 1, or -1 if not known (as in {@code trainOnBatch}). */
    public int epoch() {
        return epoch;
    }

    /** The batch of that epoch that diverged, counted from 1, or -1 if not known or if a whole epoch did. */
    public int batch() {
        return batch;
    }

    /** This divergence, placed at an epoch and batch (both counted from 0; batch -1 for a whole epoch). */
    NonFiniteLossException at(int epoch, int batch, int batches) {
        String where = batch < 0 ? "At epoch " + (epoch + 1) : "At epoch " + (epoch + 1) + ", batch " + (batch + 1) + " of " + batches;
        return new NonFiniteLossException(where + ": " + getMessage(), epoch + 1, batch < 0 ? -1 : batch + 1);
    }
}
