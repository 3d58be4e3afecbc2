package dev.vectornn.models;

import dev.vectornn.layers.LayerCall;
import dev.vectornn.spi.Kernels;

/**
 * Every buffer one forward and backward pass needs for up to {@code capacity} rows, allocated
 * once, and the call object of each layer over them. Activation {@code l} is the input of layer
 * {@code l} ({@code acts[0]} is the gathered input batch, {@code acts[L]} the model output); the
 * two delta buffers alternate as the gradient flows backwards. An inference workspace has two
 * activation buffers that take turns ({@code acts[l]} and {@code acts[l + 1]} are never the same
 * array), so its size is {@code capacity × (2 × widest layer + target width)} whatever the depth.
 */
final class Workspace {
    /**
     * What one inference workspace may hold, in floats (64 MiB): {@link #inferenceRows} keeps a
     * predict chunk within it, so a very wide model predicts row by row instead of failing.
     */
    static final long INFERENCE_BUDGET_FLOATS = 16L << 20;

    /**
     * The rows an inference workspace for {@code net} holds: {@code maxRows}, or fewer so that all
     * its buffers stay within {@link #INFERENCE_BUDGET_FLOATS}, and always at least one.
     */
    static int inferenceRows(Network net, int targetWidth, int maxRows) {
        long maxWidth = 0;
        for (int l = 0; l <= net.layerCount(); l++) {
            maxWidth = Math.max(maxWidth, net.width(l));
        }
        long perRow = targetWidth + 2 * maxWidth;
        return (int) Math.max(1, Math.min(maxRows, INFERENCE_BUDGET_FLOATS / Math.max(1, perRow)));
    }

    final int capacity;
    final float[][] acts;
    final float[] deltaA;
    final float[] deltaB;
    final float[] targets;
    /** The gathered batch's per-sample weights, read only while {@link #weighted} is true. */
    final float[] weights;
    /** Whether the batch in this workspace carries sample weights. */
    boolean weighted;
    final LayerCall[] calls;

    /** Buffers for the parameters {@code params}; {@code training} adds what backward passes need. */
    Workspace(Network net, Kernels kernels, float[] params, int capacity, int targetWidth, boolean training) {
        this.capacity = capacity;
        int layers = net.layerCount();
        acts = new float[layers + 1][];
        int maxWidth = 0;
        for (int l = 0; l <= layers; l++) {
            maxWidth = Math.max(maxWidth, net.width(l));
        }
        if (training) {
            for (int l = 0; l <= layers; l++) {
                acts[l] = new float[size(capacity, net.width(l), "the activations of layer " + l)];
            }
        } else {
            // Inference keeps no activation for a backward pass: two buffers take turns, so memory
            // does not grow with the number of layers (thousands of weightless layers cost nothing).
            float[][] turns = {new float[size(capacity, maxWidth, "the activations")],
                new float[size(capacity, maxWidth, "the activations")]};
            for (int l = 0; l <= layers; l++) {
                acts[l] = turns[l % 2];
            }
        }
        deltaA = training ? new float[size(capacity, maxWidth, "the gradients")] : new float[0];
        deltaB = training ? new float[size(capacity, maxWidth, "the gradients")] : new float[0];
        targets = new float[size(capacity, targetWidth, "the targets")];
        weights = new float[capacity];
        calls = new LayerCall[layers];
        for (int l = 0; l < layers; l++) {
            calls[l] = new LayerCall(kernels, net.width(l), params, net.paramOffset(l), acts[l], acts[l + 1])
                    .nonTrainableOffset(net.nonTrainableOffset(l));
            if (training) {
                calls[l].scratch(new float[size(capacity, net.scratchWidth(l), "the scratch of layer " + l)]);
            }
        }
    }

    /** The model's output block. */
    float[] output() {
        return acts[acts.length - 1];
    }

    /** {@code rows × width}, or a clear error where a Java array cannot hold it. */
    private static int size(int rows, int width, String what) {
        long n = (long) rows * width;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A batch of " + rows + " rows of width " + width + " is too large for "
                    + what + " (" + n + " floats; a Java array holds at most 2^31 - 9): use smaller batches");
        }
        return (int) n;
    }
}
