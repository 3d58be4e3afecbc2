package dev.vectornn.models;

import dev.vectornn.layers.LayerCall;
import dev.vectornn.spi.Kernels;

/**
 * Every buffer one forward and backward pass needs for up to {@code capacity} rows, allocated
 * once, and the call object of each layer over them. Activation {@code l} is the input of layer
 * {@code l} ({@code acts[0]} is the gathered input batch, {@code acts[L]} the model output); the
 * two delta buffers alternate as the gradient flows backwards.
 */
final class Workspace {
    final int capacity;
    final float[][] acts;
    final float[] deltaA;
    final float[] deltaB;
    final float[] targets;
    final LayerCall[] calls;

    /** Buffers for the parameters {@code params}; {@code training} adds what backward passes need. */
    Workspace(Network net, Kernels kernels, float[] params, int capacity, int targetWidth, boolean training) {
        this.capacity = capacity;
        int layers = net.layerCount();
        acts = new float[layers + 1][];
        int maxWidth = 0;
        for (int l = 0; l <= layers; l++) {
            acts[l] = new float[Math.multiplyExact(capacity, net.width(l))];
            maxWidth = Math.max(maxWidth, net.width(l));
        }
        deltaA = training ? new float[Math.multiplyExact(capacity, maxWidth)] : new float[0];
        deltaB = training ? new float[Math.multiplyExact(capacity, maxWidth)] : new float[0];
        targets = new float[Math.multiplyExact(capacity, targetWidth)];
        calls = new LayerCall[layers];
        for (int l = 0; l < layers; l++) {
            calls[l] = new LayerCall(kernels, net.width(l), params, net.paramOffset(l), acts[l], acts[l + 1]);
            if (training) {
                calls[l].scratch(new float[Math.multiplyExact(capacity, net.scratchWidth(l))]);
            }
        }
    }

    /** The model's output block. */
    float[] output() {
        return acts[acts.length - 1];
    }
}
