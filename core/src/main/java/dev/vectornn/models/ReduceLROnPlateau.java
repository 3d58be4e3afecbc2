package dev.vectornn.models;

import java.util.Map;

/**
 * Lowers the learning rate when a monitored value has stopped improving, with the semantics of
 * Keras 3's {@code keras.callbacks.ReduceLROnPlateau}
 * ({@code keras/src/callbacks/reduce_lr_on_plateau.py}).
 *
 * <pre>{@code
 * new ReduceLROnPlateau("val_loss").factor(0.2).patience(5).minLr(0.001)
 * }</pre>
 *
 * <p>After each epoch: during a cooldown the count of waiting epochs stays at 0; an epoch that
 * beats the best by more than {@code minDelta} resets it; otherwise, outside a cooldown, it grows,
 * and when it reaches {@code patience} the rate becomes {@code max(rate × factor, minLr)} (if it
 * is still above {@code minLr}) and a cooldown of {@code cooldown} epochs begins. The rate is set
 * through {@link Sequential#setLearningRate(double)}, so an optimizer whose rate is a schedule is
 * refused there, as in Keras.
 *
 * <p>Keras picks the direction in {@code "auto"} mode from whether the name contains "acc"; here
 * {@code "auto"} follows the same rule as {@link EarlyStopping} (losses and errors down; accuracy,
 * AUC, precision, recall up), which agrees with Keras on every loss and accuracy name.
 */
public final class ReduceLROnPlateau implements Callback {

    private final String monitor;
    private String mode = "auto";
    private double factor = 0.1;
    private int patience = 10;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;

    private Monitor watch;
    private double best;
    private int wait;
    private int cooldownLeft;

    /** Watches {@code "val_loss"}, Keras' default. */
    public ReduceLROnPlateau() {
        this("val_loss");
    }

    /** Watches {@code monitor}, a logs key such as {@code "val_loss"} (Keras' default). */
    public ReduceLROnPlateau(String monitor) {
        this.monitor = monitor;
        this.watch = Monitor.of("ReduceLROnPlateau", monitor, mode, minDelta);
    }

    /** The rate is multiplied by this (default 0.1); must be in (0, 1). */
    public ReduceLROnPlateau factor(double factor) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau factor must be in (0, 1), got " + factor);
        }
        this.factor = factor;
        return this;
    }

    /** Epochs without improvement before the rate is lowered (default 10). */
    public ReduceLROnPlateau patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau patience must be ≥ 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}. */
    public ReduceLROnPlateau mode(String mode) {
        this.watch = Monitor.of("ReduceLROnPlateau", monitor, mode, minDelta);
        this.mode = mode;
        return this;
    }

    /** The least change that counts as an improvement (default 1e-4). */
    public ReduceLROnPlateau minDelta(double minDelta) {
        this.watch = Monitor.of("ReduceLROnPlateau", monitor, mode, minDelta);
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs after a reduction during which no epoch counts as waiting (default 0). */
    public ReduceLROnPlateau cooldown(int cooldown) {
        if (cooldown < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau cooldown must be ≥ 0, got " + cooldown);
        }
        this.cooldown = cooldown;
        return this;
    }

    /** The rate is never lowered below this (default 0). */
    public ReduceLROnPlateau minLr(double minLr) {
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("ReduceLROnPlateau min_lr must be a finite number ≥ 0, got " + minLr);
        }
        this.minLr = minLr;
        return this;
    }

    @Override
    public void onTrainBegin(Sequential model) {
        best = watch.worst();
        wait = 0;
        cooldownLeft = 0;
    }

    @Override
    public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
        double current = watch.read("ReduceLROnPlateau", logs);
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (watch.improves(current, best)) {
            best = current;
            wait = 0;
            return;
        }
        if (cooldownLeft > 0) {
            return;
        }
        wait++;
        if (wait >= patience) {
            double rate = model.learningRate();
            // Keras compares in float32, the precision the rate is kept in: a rate already at min_lr stays.
            double lowered = Math.max(rate * factor, minLr);
            // A rate that float32 cannot hold (below 1.4e-45, with min_lr 0) stays where it is.
            if ((float) rate > (float) minLr && (float) lowered > 0) {
                model.setLearningRate(lowered);
                cooldownLeft = cooldown;
                wait = 0;
            }
        }
    }
}
