package dev.vectornn.models;

/**
 * Every buffer one forward and backward pass needs for up to {@code capacity} rows, allocated
 * once. Activation {@code l} is the input of layer {@code l} ({@code acts[0]} is the gathered
 * input batch, {@code acts[L]} the model output); the two delta buffers alternate as the
 * gradient flows backwards.
 */
final class Workspace {
    final int capacity;
    final float[][] acts;
    final float[][] scratch;
    final float[] deltaA;
    final float[] deltaB;
    final float[] targets;

    Workspace(Network net, int capacity, int targetWidth, boolean training) {
        this.capacity = capacity;
        int layers = net.layerCount();
        acts = new float[layers + 1][];
        int maxWidth = 0;
        for (int l = 0; l <= layers; l++) {
            acts[l] = new float[Math.multiplyExact(capacity, net.width(l))];
            maxWidth = Math.max(maxWidth, net.width(l));
        }
        scratch = new float[layers][];
        for (int l = 0; l < layers; l++) {
            scratch[l] = training ? new float[Math.multiplyExact(capacity, net.scratchWidth(l))] : new float[0];
        }
        deltaA = training ? new float[Math.multiplyExact(capacity, maxWidth)] : new float[0];
        deltaB = training ? new float[Math.multiplyExact(capacity, maxWidth)] : new float[0];
        targets = new float[Math.multiplyExact(capacity, targetWidth)];
    }
}
