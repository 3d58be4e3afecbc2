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
    private Optimizer optimizer;
    private final Metric[] metrics;
    /** Metrics from this index on are Keras' {@code weighted_metrics}: they get the sample weights. */
    private final int weightedFrom;
    private final int outputWidth;
    private final int targetWidth;
    private final ModelState state;
    /** The state before the current update, to undo an update that went non-finite. */
    private final ModelState before;
    /** Where each layer's parameter tensors end in the flat gradient, for per-tensor {@code clipnorm}. */
    private final int[] tensorEnds;
    /**
     * The non-trainable values (moving statistics) as they were before the current step's forward
     * pass, which changes them: a failed step puts them back too.
     */
    private final float[] nonTrainableBefore;

    StepRunner(CompiledModel compiled, ModelState state) {
        this.network = compiled.network;
        this.kernels = compiled.kernels;
        this.loss = compiled.loss;
        this.fusedLoss = compiled.fusedLoss;
        this.optimizer = compiled.optimizer;
        this.metrics = compiled.freshMetrics();
        this.weightedFrom = compiled.weightedFrom;
        this.outputWidth = network.outputWidth();
        this.targetWidth = compiled.targetWidth;
        this.state = state;
        this.before = state.sameShape();
        this.tensorEnds = tensorEnds(network);
        this.nonTrainableBefore = new float[state.params.length - state.trainable];
    }

    private static int[] tensorEnds(Network network) {
        java.util.List<Integer> ends = new java.util.ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            int end = network.paramOffset(l);
            for (dev.vectornn.layers.Layer.ParameterSpec p : network.layer(l).parameters(network.width(l))) {
                end += p.size();
                ends.add(end);
            }
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
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
        System.arraycopy(state.params, state.trainable, nonTrainableBefore, 0, nonTrainableBefore.length);
        try {
            network.forward(ws, rows, state.dropoutRandom);
        } catch (RuntimeException e) {
            undoForward(dropoutBefore); // a layer refused its input (an Embedding's category): nothing changed
            throw e;
        }
        float lossSum = ws.weighted
                ? WeightedLoss.compute(loss, kernels, rows, outputWidth, ws.output(), 0, ws.targets, 0, targetWidth, ws.deltaA, 0,
                        fusedLoss, ws.weights, 0)
                : loss.compute(kernels, rows, outputWidth, ws.output(), 0, ws.targets, 0, ws.deltaA, 0, fusedLoss);
        if (!Float.isFinite(lossSum)) {
            undoForward(dropoutBefore);
            throw diverged("the training loss became " + lossSum);
        }
        float[] grads = state.grads;
        Arrays.fill(grads, 0f);
        // Keras adds the activity penalties R(y) / rows and the weight penalties to the mean loss:
        // their gradients join the mean-loss gradient, and the summed loss gets R(y) and rows × the weights'.
        double activity = network.backward(ws, rows, fusedLoss, grads, null, 1f / rows);
        lossSum += (float) (activity + rows * network.regularize(state.params, grads, 1f));
        if (!Float.isFinite(lossSum)) {
            undoForward(dropoutBefore);
            throw diverged("the training loss with its penalties became " + lossSum);
        }
        int bad = kernels.firstNonFinite(grads.length, grads, 0);
        if (bad >= 0) {
            undoForward(dropoutBefore);
            throw diverged("gradient " + bad + " became " + grads[bad]);
        }
        before.copyFrom(state);
        before.dropoutRandom.setState(dropoutBefore);
        System.arraycopy(nonTrainableBefore, 0, before.params, state.trainable, nonTrainableBefore.length);
        update(grads);
        updateMetrics(metrics, rows, ws.output(), ws.targets, 0, ws.weighted ? ws.weights : null, 0);
        return lossSum;
    }

    /**
     * One optimizer step with a mean gradient computed elsewhere (distributed training), which the
     * caller ({@code Sequential.applyGradients}) has already found finite.
     *
     * @throws NonFiniteLossException if an updated parameter is not finite; the state is as it was
     */
    void apply(float[] meanGradient) {
        state.requireStepLeft();
        before.copyFrom(state);
        update(meanGradient);
    }

    /** Puts back what a forward pass changed: the dropout stream and the non-trainable values. */
    private void undoForward(long dropoutBefore) {
        state.dropoutRandom.setState(dropoutBefore);
        System.arraycopy(nonTrainableBefore, 0, state.params, state.trainable, nonTrainableBefore.length);
    }

    private void update(float[] grads) {
        if (grads != state.grads) {
            // Clipping works in place: on a copy, so that the caller's gradient stays as it was.
            System.arraycopy(grads, 0, state.grads, 0, grads.length);
            grads = state.grads;
        }
        state.advanceStep();
        try {
            optimizer.clipGradients(kernels, state.trainable, grads, tensorEnds);
            optimizer.update(kernels, state.trainable, state.params, grads, state.slots, state.step);
        } catch (RuntimeException e) {
            state.copyFrom(before); // e.g. a learning-rate schedule that gave a negative rate
            throw e;
        }
        network.constrain(state.params); // Keras applies constraints after each optimizer update
        int bad = kernels.firstNonFinite(state.params.length, state.params, 0);
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

    private String learningRateText() {
        try {
            return String.valueOf(optimizer.learningRate(state.step));
        } catch (RuntimeException e) {
            return String.valueOf(optimizer.config().get("learning_rate"));
        }
    }

    /**
     * Inference-mode forward, loss and backward over the {@code rows} rows in {@code ws} (weighted by
     * {@code ws.weights} when {@code ws.weighted}): adds the gradient of the mean loss into {@code grads} and, if {@code inputGrad} is non-null, writes
     * the gradient with respect to the inputs. Changes nothing in the model; returns the summed loss.
     */
    double gradient(Workspace ws, int rows, float[] grads, float[] inputGrad) {
        network.forward(ws, rows, null);
        double lossSum = ws.weighted
                ? WeightedLoss.compute(loss, kernels, rows, outputWidth, ws.output(), 0, ws.targets, 0, targetWidth, ws.deltaA, 0,
                        fusedLoss, ws.weights, 0)
                : loss.compute(kernels, rows, outputWidth, ws.output(), 0, ws.targets, 0, ws.deltaA, 0, fusedLoss);
        double activity = network.backward(ws, rows, fusedLoss, grads, inputGrad, 1f / rows);
        // The gradient is of the mean loss, as train's: each weight penalty's gradient joins once. The
        // summed loss carries a weight penalty once per row, as the mean loss carries it once.
        return lossSum + activity + rows * network.regularize(state.params, grads, 1f);
    }

    /** Inference on the {@code rows} rows in {@code ws.acts[0]}; the outputs land in {@code ws.output()}. */
    void predict(Workspace ws, int rows) {
        network.forward(ws, rows, null);
    }

    // ------------------------------------------------------------------ fit: learning-rate changes

    /** Continues with {@code changed} (the same optimizer with another learning rate); the state is kept. */
    void useOptimizer(Optimizer changed) {
        this.optimizer = changed;
    }

    // ------------------------------------------------------------------ fit: sample weights

    /**
     * Inference on the rows in {@code ws.acts[0]} against the targets {@code y[yOff ..]}, with
     * per-sample weights {@code w[wOff ..]} (or none if {@code w} is null): updates {@code into}
     * and returns the (weighted) summed loss.
     */
    double evaluate(Workspace ws, int rows, float[] y, int yOff, float[] w, int wOff, Metric[] into) {
        // Keras' evaluate adds each batch's R(y) / batch size to its mean loss, and averages batches by
        // size: the summed loss gets R(y), which adds over rows, so the chunking does not matter.
        double activity = 0;
        if (network.hasActivityRegularizer()) {
            activity = network.forwardWithActivityPenalty(ws, rows);
        } else {
            network.forward(ws, rows, null);
        }
        double lossSum = activity + (w == null
                ? loss.compute(kernels, rows, outputWidth, ws.output(), 0, y, yOff, null, 0, false)
                : WeightedLoss.compute(loss, kernels, rows, outputWidth, ws.output(), 0, y, yOff, targetWidth, null, 0, false, w, wOff))
                + rows * network.regularize(state.params, null, 0f); // Keras' evaluate includes the penalties
        updateMetrics(into, rows, ws.output(), y, yOff, w, wOff);
        return lossSum;
    }

    /**
     * Feeds a batch to the metrics, the only place metrics are updated. As in Keras, the sample
     * weights {@code w} (null for none; class weights arrive here as sample weights) go only to the
     * metrics given as {@code weighted_metrics}, never to those given as {@code metrics}.
     */
    private void updateMetrics(Metric[] into, int rows, float[] out, float[] y, int yOff, float[] w, int wOff) {
        for (int m = 0; m < into.length; m++) {
            if (m >= weightedFrom && w != null) {
                into[m].update(rows, outputWidth, out, 0, y, yOff, targetWidth, w, wOff);
            } else {
                into[m].update(rows, outputWidth, out, 0, y, yOff, targetWidth);
            }
        }
    }
}
