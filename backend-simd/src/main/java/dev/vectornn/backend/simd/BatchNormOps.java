package dev.vectornn.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector batch normalization over a {@code rows × cols} block (issue #14): the columns (features)
 * go in the lanes and the rows are walked in order, so every per-column sum is accumulated in the
 * same order as {@code ReferenceKernels}' loops and with the same operations (multiply then add,
 * no fused multiply-add; IEEE division and square root): the results are bit-identical to the
 * reference. Columns past the last whole vector run the same formulas in scalar code. The
 * {@code stats} block is laid out as {@code Kernels} documents it.
 *
 * <p>Each vector loop has one straight form: what depends on whether γ and β exist is computed
 * once per column into the stats block's working rows, and no vector is passed to or returned
 * from a helper or merged across branches, so C2 keeps every vector in registers (a vector that
 * escapes is boxed, and the step would allocate).
 */
final class BatchNormOps {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;

    private BatchNormOps() {
    }

    static void forward(int rows, int cols, float[] x, int xOff, float epsilon, float[] gamma, int gOff,
                        float[] beta, int bOff, float[] stats, int sOff, float[] y, int yOff) {
        int mean = sOff;
        int var = sOff + cols;
        int inv = sOff + 2 * cols;
        int scale = sOff + 3 * cols;
        int shift = sOff + 4 * cols;
        java.util.Arrays.fill(stats, mean, inv, 0f);
        int bound = Lanes.vectorBound(cols);
        float n = rows;
        for (int r = 0; r < rows; r++) {
            addRow(cols, bound, x, xOff + r * cols, stats, mean);
        }
        for (int j = 0; j < cols; j++) { // once per column: not worth vectors
            stats[mean + j] /= n;
        }
        for (int r = 0; r < rows; r++) {
            addSquaredDeviations(cols, bound, x, xOff + r * cols, stats, mean, var);
        }
        for (int j = 0; j < cols; j++) {
            stats[var + j] /= n;
            stats[inv + j] = 1f / (float) Math.sqrt(stats[var + j] + epsilon);
            stats[scale + j] = gamma == null ? stats[inv + j] : stats[inv + j] * gamma[gOff + j];
            stats[shift + j] = beta == null ? 0f : beta[bOff + j];
        }
        for (int r = 0; r < rows; r++) {
            normalizeRow(cols, bound, x, xOff + r * cols, stats, mean, scale, shift, y, yOff + r * cols);
        }
    }

    // One row per call, each pass a small method of its own.

    private static void addRow(int cols, int bound, float[] x, int row, float[] stats, int mean) {
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector.fromArray(F, stats, mean + j).add(FloatVector.fromArray(F, x, row + j)).intoArray(stats, mean + j);
        }
        for (; j < cols; j++) {
            stats[mean + j] += x[row + j];
        }
    }

    private static void addSquaredDeviations(int cols, int bound, float[] x, int row, float[] stats, int mean, int var) {
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector d = FloatVector.fromArray(F, x, row + j).sub(FloatVector.fromArray(F, stats, mean + j));
            FloatVector.fromArray(F, stats, var + j).add(d.mul(d)).intoArray(stats, var + j);
        }
        for (; j < cols; j++) {
            float d = x[row + j] - stats[mean + j];
            stats[var + j] += d * d;
        }
    }

    private static void normalizeRow(int cols, int bound, float[] x, int row, float[] stats, int mean, int scale,
                                     int shift, float[] y, int out) {
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector.fromArray(F, x, row + j).sub(FloatVector.fromArray(F, stats, mean + j))
                    .mul(FloatVector.fromArray(F, stats, scale + j)).add(FloatVector.fromArray(F, stats, shift + j))
                    .intoArray(y, out + j);
        }
        for (; j < cols; j++) {
            y[out + j] = (x[row + j] - stats[mean + j]) * stats[scale + j] + stats[shift + j];
        }
    }

    /** Inference with both γ and β (the other cases run the reference). */
    static void inference(int rows, int cols, float[] x, int xOff, float[] mean, int mOff, float[] variance, int vOff,
                          float epsilon, float[] gamma, int gOff, float[] beta, int bOff, float[] y, int yOff) {
        int bound = Lanes.vectorBound(cols);
        for (int r = 0; r < rows; r++) {
            inferenceRow(cols, bound, x, xOff + r * cols, mean, mOff, variance, vOff, epsilon, gamma, gOff, beta, bOff,
                    y, yOff + r * cols);
        }
    }

    // A row per call, as in the passes above, not both loops in inference itself. Invoked once per
    // batch, such a method reaches C2 only after hundreds of batches times the compile-queue load
    // factor (see VectorOps.CHUNK) or through an on-stack replacement, which while it waits in the
    // queue keeps a normal compilation from being queued (HotSpot queues one per method). Until
    // then it ran C1 code, in which every vector operation allocates: 172,032 bytes a call (14
    // operations × 96 bytes × 128 vectors), the kit's batch-norm check's 8,601,640 bytes per 50
    // rounds after its 5,000 rounds in the full surefire run. A row kernel is invoked rows times
    // per call and is compiled together with the other passes.
    private static void inferenceRow(int cols, int bound, float[] x, int row, float[] mean, int mOff, float[] variance,
                                     int vOff, float epsilon, float[] gamma, int gOff, float[] beta, int bOff,
                                     float[] y, int out) {
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector s = FloatVector.broadcast(F, 1f)
                    .div(FloatVector.fromArray(F, variance, vOff + j).add(epsilon).sqrt());
            FloatVector.fromArray(F, x, row + j).sub(FloatVector.fromArray(F, mean, mOff + j))
                    .mul(s.mul(FloatVector.fromArray(F, gamma, gOff + j))).add(FloatVector.fromArray(F, beta, bOff + j))
                    .intoArray(y, out + j);
        }
        for (; j < cols; j++) {
            float s = 1f / (float) Math.sqrt(variance[vOff + j] + epsilon);
            y[out + j] = (x[row + j] - mean[mOff + j]) * (s * gamma[gOff + j]) + beta[bOff + j];
        }
    }

    static void backward(int rows, int cols, float[] x, int xOff, float[] stats, int sOff, float[] gamma, int gOff,
                         float[] dy, int dyOff, float[] dGamma, int dgOff, float[] dBeta, int dbOff,
                         float[] dx, int dxOff) {
        int mean = sOff;
        int scale = sOff + cols; // the variance row, overwritten with γ·s
        int inv = sOff + 2 * cols;
        int sumDy = sOff + 3 * cols;
        int sumDyXhat = sOff + 4 * cols;
        java.util.Arrays.fill(stats, sumDy, sumDyXhat + cols, 0f);
        int bound = Lanes.vectorBound(cols);
        for (int r = 0; r < rows; r++) {
            addGradientSums(cols, bound, x, xOff + r * cols, dy, dyOff + r * cols, stats, mean, inv, sumDy, sumDyXhat);
        }
        float n = rows;
        for (int j = 0; j < cols; j++) { // once per column: not worth vectors
            if (dGamma != null) {
                dGamma[dgOff + j] += stats[sumDyXhat + j];
            }
            if (dBeta != null) {
                dBeta[dbOff + j] += stats[sumDy + j];
            }
            stats[sumDy + j] /= n;
            stats[sumDyXhat + j] /= n;
            stats[scale + j] = gamma == null ? stats[inv + j] : gamma[gOff + j] * stats[inv + j];
        }
        if (dx == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            inputGradientRow(cols, bound, x, xOff + r * cols, dy, dyOff + r * cols, stats, mean, scale, inv, sumDy,
                    sumDyXhat, dx, dxOff + r * cols);
        }
    }

    private static void addGradientSums(int cols, int bound, float[] x, int row, float[] dy, int grad, float[] stats,
                                        int mean, int inv, int sumDy, int sumDyXhat) {
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector g = FloatVector.fromArray(F, dy, grad + j);
            FloatVector xhat = FloatVector.fromArray(F, x, row + j).sub(FloatVector.fromArray(F, stats, mean + j))
                    .mul(FloatVector.fromArray(F, stats, inv + j));
            FloatVector.fromArray(F, stats, sumDy + j).add(g).intoArray(stats, sumDy + j);
            FloatVector.fromArray(F, stats, sumDyXhat + j).add(g.mul(xhat)).intoArray(stats, sumDyXhat + j);
        }
        for (; j < cols; j++) {
            float g = dy[grad + j];
            float xhat = (x[row + j] - stats[mean + j]) * stats[inv + j];
            stats[sumDy + j] += g;
            stats[sumDyXhat + j] += g * xhat;
        }
    }

    private static void inputGradientRow(int cols, int bound, float[] x, int row, float[] dy, int grad, float[] stats,
                                         int mean, int scale, int inv, int sumDy, int sumDyXhat, float[] dx, int out) {
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector xhat = FloatVector.fromArray(F, x, row + j).sub(FloatVector.fromArray(F, stats, mean + j))
                    .mul(FloatVector.fromArray(F, stats, inv + j));
            FloatVector centred = FloatVector.fromArray(F, dy, grad + j).sub(FloatVector.fromArray(F, stats, sumDy + j))
                    .sub(xhat.mul(FloatVector.fromArray(F, stats, sumDyXhat + j)));
            FloatVector.fromArray(F, stats, scale + j).mul(centred).intoArray(dx, out + j);
        }
        for (; j < cols; j++) {
            float xhat = (x[row + j] - stats[mean + j]) * stats[inv + j];
            float g = dy[grad + j];
            dx[out + j] = stats[scale + j] * ((g - stats[sumDy + j]) - xhat * stats[sumDyXhat + j]);
        }
    }
}
