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
        java.util.Arrays.fill(stats, mean, inv, 0f);
        int bound = Lanes.vectorBound(cols);
        float n = rows;
        for (int r = 0; r < rows; r++) {
            int row = xOff + r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(F, stats, mean + j).add(FloatVector.fromArray(F, x, row + j)).intoArray(stats, mean + j);
            }
            for (; j < cols; j++) {
                stats[mean + j] += x[row + j];
            }
        }
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector.fromArray(F, stats, mean + j).div(n).intoArray(stats, mean + j);
        }
        for (; j < cols; j++) {
            stats[mean + j] /= n;
        }
        for (int r = 0; r < rows; r++) {
            int row = xOff + r * cols;
            j = 0;
            for (; j < bound; j += L) {
                FloatVector d = FloatVector.fromArray(F, x, row + j).sub(FloatVector.fromArray(F, stats, mean + j));
                FloatVector.fromArray(F, stats, var + j).add(d.mul(d)).intoArray(stats, var + j);
            }
            for (; j < cols; j++) {
                float d = x[row + j] - stats[mean + j];
                stats[var + j] += d * d;
            }
        }
        j = 0;
        for (; j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(F, stats, var + j).div(n);
            v.intoArray(stats, var + j);
            FloatVector.broadcast(F, 1f).div(v.add(epsilon).sqrt()).intoArray(stats, inv + j);
        }
        for (; j < cols; j++) {
            stats[var + j] /= n;
            stats[inv + j] = 1f / (float) Math.sqrt(stats[var + j] + epsilon);
        }
        for (int r = 0; r < rows; r++) {
            normalizeRow(cols, x, xOff + r * cols, stats, mean, stats, inv, gamma, gOff, beta, bOff, y, yOff + r * cols);
        }
    }

    static void inference(int rows, int cols, float[] x, int xOff, float[] mean, int mOff, float[] variance, int vOff,
                          float epsilon, float[] gamma, int gOff, float[] beta, int bOff, float[] y, int yOff) {
        int bound = Lanes.vectorBound(cols);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = 0; r < rows; r++) {
            int row = xOff + r * cols;
            int out = yOff + r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector s = one.div(FloatVector.fromArray(F, variance, vOff + j).add(epsilon).sqrt());
                FloatVector v = FloatVector.fromArray(F, x, row + j).sub(FloatVector.fromArray(F, mean, mOff + j)).mul(s);
                affine(v, gamma, gOff + j, beta, bOff + j).intoArray(y, out + j);
            }
            for (; j < cols; j++) {
                float s = 1f / (float) Math.sqrt(variance[vOff + j] + epsilon);
                float v = (x[row + j] - mean[mOff + j]) * s;
                y[out + j] = affine(v, gamma, gOff + j, beta, bOff + j);
            }
        }
    }

    /** One row of {@code y = ((x − mean) · invStd) · γ + β}. */
    private static void normalizeRow(int cols, float[] x, int row, float[] mean, int mOff, float[] invStd, int iOff,
                                     float[] gamma, int gOff, float[] beta, int bOff, float[] y, int out) {
        int bound = Lanes.vectorBound(cols);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, row + j).sub(FloatVector.fromArray(F, mean, mOff + j))
                    .mul(FloatVector.fromArray(F, invStd, iOff + j));
            affine(v, gamma, gOff + j, beta, bOff + j).intoArray(y, out + j);
        }
        for (; j < cols; j++) {
            float v = (x[row + j] - mean[mOff + j]) * invStd[iOff + j];
            y[out + j] = affine(v, gamma, gOff + j, beta, bOff + j);
        }
    }

    private static FloatVector affine(FloatVector v, float[] gamma, int g, float[] beta, int b) {
        FloatVector scaled = gamma == null ? v : v.mul(FloatVector.fromArray(F, gamma, g));
        return beta == null ? scaled : scaled.add(FloatVector.fromArray(F, beta, b));
    }

    private static float affine(float v, float[] gamma, int g, float[] beta, int b) {
        float scaled = gamma == null ? v : v * gamma[g];
        return beta == null ? scaled : scaled + beta[b];
    }

    static void backward(int rows, int cols, float[] x, int xOff, float[] stats, int sOff, float[] gamma, int gOff,
                         float[] dy, int dyOff, float[] dGamma, int dgOff, float[] dBeta, int dbOff,
                         float[] dx, int dxOff) {
        int mean = sOff;
        int inv = sOff + 2 * cols;
        int sumDy = sOff + 3 * cols;
        int sumDyXhat = sOff + 4 * cols;
        java.util.Arrays.fill(stats, sumDy, sumDyXhat + cols, 0f);
        int bound = Lanes.vectorBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = xOff + r * cols;
            int grad = dyOff + r * cols;
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
        }
        if (dx == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            int row = xOff + r * cols;
            int grad = dyOff + r * cols;
            int out = dxOff + r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector s = FloatVector.fromArray(F, stats, inv + j);
                FloatVector scale = gamma == null ? s : FloatVector.fromArray(F, gamma, gOff + j).mul(s);
                FloatVector xhat = FloatVector.fromArray(F, x, row + j).sub(FloatVector.fromArray(F, stats, mean + j)).mul(s);
                FloatVector g = FloatVector.fromArray(F, dy, grad + j);
                FloatVector centred = g.sub(FloatVector.fromArray(F, stats, sumDy + j))
                        .sub(xhat.mul(FloatVector.fromArray(F, stats, sumDyXhat + j)));
                scale.mul(centred).intoArray(dx, out + j);
            }
            for (; j < cols; j++) {
                float s = stats[inv + j];
                float scale = gamma == null ? s : gamma[gOff + j] * s;
                float xhat = (x[row + j] - stats[mean + j]) * s;
                float g = dy[grad + j];
                dx[out + j] = scale * ((g - stats[sumDy + j]) - xhat * stats[sumDyXhat + j]);
            }
        }
    }
}
