package dev.vectornn.bench.kernels;

import dev.vectornn.bench.BenchData;

/**
 * The arrays of one dense layer's forward and backward pass at a fixed shape, filled with the
 * same seeded data for every benchmark that uses it (so their numbers compare): input, weights,
 * bias, output, the upstream gradient copied into {@code dy} before each backward, and the
 * gradients.
 */
final class DenseLayerBuffers {

    final float[] x;
    final float[] w;
    final float[] bias;
    final float[] y;
    final float[] upstream;
    final float[] dy;
    final float[] dw;
    final float[] db;
    final float[] dx;

    DenseLayerBuffers(int batch, int in, int out) {
        x = BenchData.uniform(batch * in, 21);
        w = BenchData.uniform(in * out, 22);
        bias = BenchData.uniform(out, 23);
        y = new float[batch * out];
        upstream = BenchData.uniform(batch * out, 24);
        dy = new float[batch * out];
        dw = new float[in * out];
        db = new float[out];
        dx = new float[batch * in];
    }
}
