package dev.vectornn.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The epochs of one {@code fit}: per epoch, its batches through a {@link StepStrategy}, then the
 * epoch's logs, validation, callbacks and the stopping and divergence rules.
 *
 * <p><b>Divergence.</b> A step whose loss, gradient or updated parameters are not finite is
 * refused by the strategy and reported here with its epoch and batch. Besides, before the first
 * step the loop measures {@code L0}, the mean loss of the parameters training starts from; an
 * epoch whose mean training loss exceeds {@code divergenceFactor × max(L0, 0.1)} has diverged, and
 * the model is put back into the state the epoch began with.
 *
 * <p><b>Logs.</b> Each epoch logs its metrics, {@code loss} and the {@code val_} values, in that
 * order, and, as Keras 3 does, where a {@link ReduceLROnPlateau} or {@link LearningRateScheduler}
 * manages the rate, the {@code learning_rate} the epoch ended with (before the callbacks change it). With a {@link TerminateOnNaN} callback, a refused step ends training
 * instead of throwing; the interrupted epoch is not recorded.
 */
final class FitLoop {
    /** The smallest starting loss the divergence rule compares with, so a near-perfect start is not a hair trigger. */
    static final double LOSS_FLOOR = 0.1;
    /** The logs key of the learning rate an epoch trained with, as Keras 3 names it. */
    static final String LEARNING_RATE = "learning_rate";

    private final Sequential model;
    private final ModelState state;
    private final StepStrategy steps;
    private final FitOptions options;
    private final List<String> metricNames;
    private volatile String stopReason;

    FitLoop(Sequential model, ModelState state, StepStrategy steps, FitOptions options, List<String> metricNames) {
        this.model = model;
        this.state = state;
        this.steps = steps;
        this.options = options;
        this.metricNames = metricNames;
    }

    /** Ends training after the current epoch. */
    void stop(String reason) {
        stopReason = reason;
    }

    History run() {
        FitOptions o = options;
        if (o.epochs > 0) {
            state.requireStepLeft();
        }
        int batches = steps.batches();
        // An array, not the list: iterating a list allocates an iterator per batch until C2 removes it.
        Callback[] callbacks = callbacks(o, batches);
        boolean terminateOnNaN = false;
        boolean logRate = false;
        for (Callback c : callbacks) {
            terminateOnNaN |= c instanceof TerminateOnNaN;
            // Keras 3 logs the rate where a callback manages it: ReduceLROnPlateau and LearningRateScheduler.
            logRate |= c instanceof ReduceLROnPlateau || c instanceof LearningRateScheduler;
        }
        double limit = Double.isInfinite(o.divergenceFactor) ? Double.POSITIVE_INFINITY
                : o.divergenceFactor * Math.max(steps.currentLoss(), LOSS_FLOOR);
        ModelState epochStart = state.sameShape();
        History history = new History();
        boolean terminated = false;
        for (Callback c : callbacks) {
            c.onTrainBegin(model);
        }
        for (int epoch = 0; epoch < o.epochs && stopReason == null; epoch++) {
            epochStart.copyFrom(state);
            for (Callback c : callbacks) {
                c.onEpochBegin(model, epoch);
            }
            steps.beginEpoch(epoch);
            long start = System.nanoTime();
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                long rows;
                try {
                    rows = steps.trainBatch(epoch, b);
                } catch (NonFiniteLossException e) {
                    NonFiniteLossException located = e.at(epoch, b, batches);
                    if (!terminateOnNaN) {
                        throw located;
                    }
                    stopReason = "TerminateOnNaN: " + located.getMessage();
                    terminated = true;
                    break;
                }
                if (rows == 0) {
                    continue;
                }
                double batchLoss = steps.lastLossSum();
                lossSum += batchLoss;
                for (int c = 0; c < callbacks.length; c++) {
                    callbacks[c].onBatchEnd(model, epoch, b, (int) rows, batchLoss / rows);
                }
            }
            if (terminated) {
                break;
            }
            long nanos = System.nanoTime() - start;
            double loss = lossSum / steps.samples();
            if (loss > limit) {
                state.copyFrom(epochStart);
                throw new NonFiniteLossException(String.format(Locale.ROOT, "the epoch's mean training loss %.6g is more than "
                        + "%s times the starting loss %.6g (or %.1f): training diverged, and the model is back at the state "
                        + "the epoch began with. Lower the learning rate, scale the inputs, or check the data.",
                        loss, o.divergenceFactor, limit / o.divergenceFactor, LOSS_FLOOR)).at(epoch, -1, batches);
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int m = 0; m < metricNames.size(); m++) {
                logs.put(metricNames.get(m), steps.metric(m));
            }
            logs.put("loss", loss);
            steps.validate().forEach((k, v) -> logs.put("val_" + k, v));
            Double rate = logRate ? model.learningRateIfConstant() : null;
            if (rate != null) {
                logs.put(LEARNING_RATE, rate);
            }
            history.record(logs, nanos / 1e9);
            for (Callback c : callbacks) {
                c.onEpochEnd(model, epoch, logs);
            }
        }
        if (stopReason != null) {
            history.stoppedBecause(stopReason);
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(model, history);
        }
        return history;
    }

    /** The progress output first (so a line is drawn before a callback may stop training), then the user's. */
    private Callback[] callbacks(FitOptions o, int batches) {
        List<Callback> all = new java.util.ArrayList<>();
        if (o.verbose > 0) {
            all.add(new ProgressCallback(new ProgressLogger(o.out, o.verbose, o.epochs, batches), steps, metricNames));
        }
        all.addAll(o.callbacks);
        return all.toArray(Callback[]::new);
    }
}
