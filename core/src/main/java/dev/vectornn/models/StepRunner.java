package dev.vectornn.models;

import dev.vectornn.losses.Loss;
import dev.vectornn.metrics.Metric;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.spi.Kernels;

import java.util.Arrays;

/**
 * Runs one step on a batch already in a {@link Workspace}: forward, loss, metrics, backward and
 * the optimizer's update, and the inference passes of evaluation and prediction. It is the only
 * caller of the network, the loss, the optimizer and the metrics.
 *
 * <p>A training step is all or nothing: if the loss, a gradient or an updated parameter is not
 * finite, the state is put back as it was before the step (parameters, slots, step count and
 * dropout stream) and a {@link NonFiniteLossException} is thrown. In steady state a step
 * allocates nothing: every field is final and resolved at construction, so the hot path makes
 * only the calls it must.
 */
final class StepRunner {
    private final Network network;
    private final Kernels kernels;
    private final Loss loss;
    private final boolean fusedLoss;
    private final Optimizer optimizer;
    private final Metric[] metrics;
    private final int outputWidth;
    private final int targetWidth;
    private final ModelState state;
    /** The state before the current update, to undo an update that went non-finite. */
    private final ModelState before;

    StepRunner(CompiledModel compiled, ModelState state) {
        this.network = compiled.network;
        this.kernels = compiled.kernels;
        this.loss = compiled.loss;
        this.fusedLoss = compiled.fusedLoss;
        this.optimizer = compiled.optimizer;
        this.metrics = compiled.freshMetrics();
        this.outputWidth = network.outputWidth();
        this.targetWidth = compiled.targetWidth;
        this.state = state;
        this.before = state.sameShape();
    }

    /** The training metrics, accumulated since the last {@link #resetMetrics()}. */
    Metric[] metrics() {
        return metrics;
    }

    void resetMetrics() {
        for (Metric m : metrics) {
            m.reset();
        }
    }

    /** Buffers for training steps of up to {@code rows} rows. */
    Workspace trainingWorkspace(int rows) {
        return new Workspace(network, kernels, state.params, rows, targetWidth, true);
    }

    /**
     * Buffers for inference on up to {@code rows} rows at a time, or fewer where that many rows of
     * this network would exceed {@link Workspace#INFERENCE_BUDGET_FLOATS}.
     */
    Workspace inferenceWorkspace(int rows) {
        return new Workspace(network, kernels, state.params, Workspace.inferenceRows(network, targetWidth, rows),
                targetWidth, false);
    }

    /** The rows {@link #inferenceWorkspace inferenceWorkspace(rows)} would hold. */
    int inferenceWorkspaceRows(int rows) {
        return Workspace.inferenceRows(network, targetWidth, rows);
    }

    /**
     * One training step (dropout on) on the {@code rows} rows in {@code ws.acts[0]} and
     * {@code ws.targets}; returns the summed loss, measured before the update.
     *
     * @throws NonFiniteLossException if the step diverged; the state is as it was before it
     * @throws IllegalStateException  if the step counter would overflow; nothing changed
     */
    float train(Workspace ws, int rows) {
        state.requireStepLeft();
        long dropoutBefore = state.dropoutRandom.state();
        network.forward(ws, rows, state.dropoutRandom);
        float lossSum = loss.compute(kernels, rows, outputWidth, ws.output(), 0, ws.targets, 0, ws.deltaA, 0, fusedLoss);
        if (!Float.isFinite(lossSum)) {
            state.dropoutRandom.setState(dropoutBefore);
            throw diverged("the training loss became " + lossSum);
        }
        float[] grads = state.grads;
        Arrays.fill(grads, 0f);
        network.backward(ws, rows, fusedLoss, grads, null);
        int bad = ModelState.firstNonFinite(grads);
        if (bad >= 0) {
            state.dropoutRandom.setState(dropoutBefore);
            throw diverged("gradient " + bad + " became " + grads[bad]);
        }
        before.copyFrom(state);
        before.dropoutRandom.setState(dropoutBefore);
        update(grads);
        for (int m = 0; m < metrics.length; m++) {
            metrics[m].update(rows, outputWidth, ws.output(), 0, ws.targets, 0, targetWidth);
        }
        return lossSum;
    }

    /**
     * One optimizer step with a mean gradient computed elsewhere (distributed training).
     *
     * @throws NonFiniteLossException if a gradient or an updated parameter is not finite; the
     *                                state is as it was
     */
    void apply(float[] meanGradient) {
        state.requireStepLeft();
        int bad = ModelState.firstNonFinite(meanGradient);
        if (bad >= 0) {
            throw diverged("gradient " + bad + " became " + meanGradient[bad]);
        }
        before.copyFrom(state);
        update(meanGradient);
    }

    private void update(float[] grads) {
        state.advanceStep();
        optimizer.update(kernels, grads.length, state.params, grads, state.slots, state.step);
        int bad = ModelState.firstNonFinite(state.params);
        if (bad >= 0) {
            float value = state.params[bad];
            state.copyFrom(before);
            throw diverged("parameter " + bad + " became " + value + " in the update");
        }
    }

    private NonFiniteLossException diverged(String what) {
        return new NonFiniteLossException(what + ": training diverged, and the step was not applied. Lower the learning rate ("
                + optimizer.config().get("learning_rate") + "), scale the inputs, or check the data.");
    }

    /**
     * Inference-mode forward, loss and backward over the {@code rows} rows in {@code ws}: adds the
     * gradient of the summed loss into {@code grads} and, if {@code inputGrad} is non-null, writes
     * the gradient with respect to the inputs. Changes nothing in the model; returns the summed loss.
     */
    double gradient(Workspace ws, int rows, float[] grads, float[] inputGrad) {
        network.forward(ws, rows, null);
        double lossSum = loss.compute(kernels, rows, outputWidth, ws.output(), 0, ws.targets, 0, ws.deltaA, 0, fusedLoss);
        network.backward(ws, rows, fusedLoss, grads, inputGrad);
        return lossSum;
    }

    /** Inference on the {@code rows} rows in {@code ws.acts[0]}; the outputs land in {@code ws.output()}. */
    void predict(Workspace ws, int rows) {
        network.forward(ws, rows, null);
    }

    /**
     * Inference on the rows in {@code ws.acts[0]} against the targets {@code y[yOff ..]}: updates
     * {@code into} and returns the summed loss.
     */
    double evaluate(Workspace ws, int rows, float[] y, int yOff, Metric[] into) {
        network.forward(ws, rows, null);
        double lossSum = loss.compute(kernels, rows, outputWidth, ws.output(), 0, y, yOff, null, 0, false);
        for (Metric m : into) {
            m.update(rows, outputWidth, ws.output(), 0, y, yOff, targetWidth);
        }
        return lossSum;
    }
}
