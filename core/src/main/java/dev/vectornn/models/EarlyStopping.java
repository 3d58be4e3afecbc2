package dev.vectornn.models;

import java.util.Map;

/**
 * Stops training when a monitored value has stopped improving, with the semantics of Keras 3's
 * {@code keras.callbacks.EarlyStopping} ({@code keras/src/callbacks/early_stopping.py}).
 *
 * <pre>{@code
 * new EarlyStopping("val_loss").patience(5).restoreBestWeights(true)
 * }</pre>
 *
 * <p>After each epoch from {@link #startFromEpoch} on, the epoch counts as waiting unless the
 * value beats the best so far by more than {@link #minDelta}; training stops once
 * {@code patience} epochs in a row have waited (so {@code patience(5)} stops after five epochs
 * without improvement, never on the first epoch). With a {@link #baseline}, an improvement on the
 * best resets the count only if it also beats the baseline: a model that never reaches the
 * baseline stops after {@code patience} epochs.
 *
 * <p>{@link #restoreBestWeights} puts back the parameters of the best epoch when training ends,
 * whether it stopped early or ran every epoch (as Keras 3 does). Only the parameters are restored,
 * not the optimizer's state, as Keras' {@code set_weights}.
 *
 * <p>The direction follows {@link #mode}; {@code "auto"} minimises losses and errors and maximises
 * accuracies, AUC, precision, recall and F-scores, and refuses a name it cannot place.
 */
public final class EarlyStopping implements Callback {

    private final String monitor;
    private String mode = "auto";
    private int patience = 0;
    private double minDelta = 0;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private Monitor watch;
    private double best;
    private boolean seen;
    private int wait;
    private int bestEpoch;
    private int stoppedEpoch = -1;
    private float[] bestWeights;

    /** Watches {@code "val_loss"}, Keras' default. */
    public EarlyStopping() {
        this("val_loss");
    }

    /** Watches {@code monitor}, a logs key such as {@code "val_loss"} (Keras' default) or {@code "accuracy"}. */
    public EarlyStopping(String monitor) {
        this.monitor = monitor;
        this.watch = Monitor.of("EarlyStopping", monitor, mode, minDelta);
    }

    /** Epochs without improvement after which training stops (default 0: the first epoch that does not improve). */
    public EarlyStopping patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping patience must be ≥ 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /** The least change that counts as an improvement (default 0); its sign is ignored, as in Keras. */
    public EarlyStopping minDelta(double minDelta) {
        this.watch = Monitor.of("EarlyStopping", monitor, mode, minDelta);
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}. */
    public EarlyStopping mode(String mode) {
        this.watch = Monitor.of("EarlyStopping", monitor, mode, minDelta);
        this.mode = mode;
        return this;
    }

    /** A value the monitored quantity must beat for an epoch to count as an improvement (default none). */
    public EarlyStopping baseline(double baseline) {
        if (Double.isNaN(baseline)) {
            throw new IllegalArgumentException("EarlyStopping baseline must be a number, got NaN");
        }
        this.baseline = baseline;
        return this;
    }

    /** At the end of training, put back the parameters of the best epoch (default false, as Keras). */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** Epochs to let pass before watching at all, a warm-up (default 0). */
    public EarlyStopping startFromEpoch(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("EarlyStopping start_from_epoch must be ≥ 0, got " + epochs);
        }
        this.startFromEpoch = epochs;
        return this;
    }

    /** The epoch (from 0) at which the last {@code fit} was stopped, or -1 if it was not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (from 0) with the best monitored value in the last {@code fit}. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(Sequential model) {
        best = watch.worst();
        seen = false;
        wait = 0;
        bestEpoch = 0;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
        double current = watch.read("EarlyStopping", logs);
        if (epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model.getParameters();
            bestEpoch = epoch;
        }
        wait++;
        if (!seen || watch.improves(current, best)) {
            seen = true;
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model.getParameters();
            }
            if (baseline == null || watch.improves(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model.stopTraining("early stopping: " + monitor + " did not improve for " + wait
                    + " epoch(s); best " + best + " at epoch " + (bestEpoch + 1));
        }
    }

    @Override
    public void onTrainEnd(Sequential model, History history) {
        if (restoreBestWeights && bestWeights != null) {
            model.setParameters(bestWeights);
        }
    }
}
