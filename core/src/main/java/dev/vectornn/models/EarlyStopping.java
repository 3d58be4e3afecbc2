package dev.vectornn.models;

import java.util.Map;

/**
 * Stops training when a monitored value has stopped improving, as Keras' {@code EarlyStopping}.
 *
 * <pre>{@code
 * new EarlyStopping("val_loss").patience(5).restoreBestWeights(true)
 * }</pre>
 *
 * Values whose name contains "acc" are maximised, everything else minimised.
 */
public final class EarlyStopping implements Callback {

    private final String monitor;
    private int patience = 0;
    private double minDelta = 0;
    private boolean restoreBestWeights;

    private double best;
    private int wait;
    private float[] bestWeights;

    public EarlyStopping(String monitor) {
        this.monitor = monitor;
    }

    /** Epochs without improvement to wait before stopping (default 0). */
    public EarlyStopping patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be ≥ 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /** The least change that counts as an improvement (default 0). */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /** When stopping, put back the weights of the best epoch (default false, as Keras). */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    private boolean maximise() {
        return monitor.contains("acc");
    }

    @Override
    public void onTrainBegin(Sequential model) {
        best = maximise() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        wait = 0;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
        Double value = logs.get(monitor);
        if (value == null) {
            throw new IllegalArgumentException("EarlyStopping monitors '" + monitor + "', which fit does not report. "
                    + "Reported: " + logs.keySet() + (monitor.startsWith("val_") ? " (validation values need validation data)" : ""));
        }
        boolean improved = maximise() ? value > best + minDelta : value < best - minDelta;
        if (improved) {
            best = value;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = model.getParameters();
            }
            return;
        }
        wait++;
        if (wait > patience) {
            if (restoreBestWeights && bestWeights != null) {
                model.setParameters(bestWeights);
            }
            model.stopTraining("early stopping: " + monitor + " did not improve for " + wait
                    + " epoch(s); best " + best);
        }
    }
}
