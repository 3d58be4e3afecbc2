package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

/**
 * Plain scalar loops for the shapes too small for vectors to pay off (the iris network's 1×4·4×16
 * layers, short rows): a copy of the scalar reference backend's kernels, kept here because a
 * backend depends only on core. C2 compiles (and auto-vectorises) these loops within the first
 * few hundred calls, whereas Vector API code runs about 100× slower than scalar code until C2
 * has compiled it, so small shapes never pay for the vector path's warm-up.
 */
final class ScalarLoops implements Kernels {

    /** Keras' {@code epsilon()}: probabilities are clipped to [EPS, 1 − EPS] before the log. */
    static final float EPS = 1e-7f;

    // ------------------------------------------------------------------ gemm

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = 0f;
                }
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
            if (alpha == 0f) {
                continue;
            }
            for (int p = 0; p < k; p++) {
                float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                if (!transB) {
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bOff + j * ldb + p];
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ dense

    @Override
    public void denseForward(int batch, int in, int out, float[] x, int xOff, int ldx,
                             float[] w, int wOff, float[] bias, int bOff, Activation act,
                             float[] y, int yOff, int ldy) {
        for (int r = 0; r < batch; r++) {
            int yr = yOff + r * ldy;
            int xr = xOff + r * ldx;
            for (int j = 0; j < out; j++) {
                y[yr + j] = bias == null ? 0f : bias[bOff + j];
            }
            for (int p = 0; p < in; p++) {
                float xp = x[xr + p];
                int wp = wOff + p * out;
                for (int j = 0; j < out; j++) {
                    y[yr + j] += xp * w[wp + j];
                }
            }
            activateRow(act, y, yr, out);
        }
    }

    @Override
    public void denseBackward(int batch, int in, int out, float[] x, int xOff, int ldx,
                              float[] w, int wOff, float[] y, int yOff, int ldy, Activation act,
                              float[] dy, int dyOff, int lddy, float[] dw, int dwOff,
                              float[] db, int dbOff, float[] dx, int dxOff, int lddx) {
        for (int r = 0; r < batch; r++) {
            int dr = dyOff + r * lddy;
            // 1. dZ = act'(y) ⊙ dY, in place.
            derivativeRow(act, y, yOff + r * ldy, dy, dr, dy, dr, out);
            // 2. dW += x_rᵀ · dZ_r and db += dZ_r.
            int xr = xOff + r * ldx;
            for (int p = 0; p < in; p++) {
                float xp = x[xr + p];
                int wp = dwOff + p * out;
                for (int j = 0; j < out; j++) {
                    dw[wp + j] += xp * dy[dr + j];
                }
            }
            if (db != null) {
                for (int j = 0; j < out; j++) {
                    db[dbOff + j] += dy[dr + j];
                }
            }
            // 3. dX_r = dZ_r · Wᵀ.
            if (dx != null) {
                int xrow = dxOff + r * lddx;
                for (int p = 0; p < in; p++) {
                    int wp = wOff + p * out;
                    float s = 0f;
                    for (int j = 0; j < out; j++) {
                        s += dy[dr + j] * w[wp + j];
                    }
                    dx[xrow + p] = s;
                }
            }
        }
    }

    // ------------------------------------------------------------------ activations

    @Override
    public void activationForward(Activation act, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int yr = yOff + r * cols;
            if (x != y || xr != yr) {
                System.arraycopy(x, xr, y, yr, cols);
            }
            activateRow(act, y, yr, cols);
        }
    }

    @Override
    public void activationBackward(Activation act, int rows, int cols, float[] y, int yOff,
                                   float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int r = 0; r < rows; r++) {
            derivativeRow(act, y, yOff + r * cols, dy, dyOff + r * cols, dx, dxOff + r * cols, cols);
        }
    }

    /** Applies {@code act} in place to {@code v[off .. off+n)}. */
    static void activateRow(Activation act, float[] v, int off, int n) {
        switch (act) {
            case LINEAR -> { }
            case RELU -> {
                for (int j = off; j < off + n; j++) {
                    v[j] = Math.max(0f, v[j]);
                }
            }
            case SIGMOID -> {
                for (int j = off; j < off + n; j++) {
                    v[j] = sigmoid(v[j]);
                }
            }
            case TANH -> {
                for (int j = off; j < off + n; j++) {
                    v[j] = (float) Math.tanh(v[j]);
                }
            }
            case SOFTMAX -> softmaxRow(v, off, n);
        }
    }

    /** {@code 1 / (1 + e^-z)}, written so neither branch overflows. */
    static float sigmoid(float z) {
        if (z >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1.0 + e));
    }

    /** Softmax in place, shifted by the row maximum so that e^x never overflows. */
    static void softmaxRow(float[] v, int off, int n) {
        if (n == 0) {
            return;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int j = off; j < off + n; j++) {
            max = Math.max(max, v[j]);
        }
        float sum = 0f;
        for (int j = off; j < off + n; j++) {
            float e = (float) Math.exp(v[j] - max);
            v[j] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int j = off; j < off + n; j++) {
            v[j] *= inv;
        }
    }

    /** {@code dx = act'(y) ⊙ dy} for one row; {@code dx} may alias {@code dy}. */
    static void derivativeRow(Activation act, float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        switch (act) {
            case LINEAR -> {
                if (dx != dy || dxo != dyo) {
                    System.arraycopy(dy, dyo, dx, dxo, n);
                }
            }
            case RELU -> {
                for (int j = 0; j < n; j++) {
                    dx[dxo + j] = y[yo + j] > 0f ? dy[dyo + j] : 0f;
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    float s = y[yo + j];
                    dx[dxo + j] = dy[dyo + j] * s * (1f - s);
                }
            }
            case TANH -> {
                for (int j = 0; j < n; j++) {
                    float t = y[yo + j];
                    dx[dxo + j] = dy[dyo + j] * (1f - t * t);
                }
            }
            case SOFTMAX -> {
                // Jacobian-vector product: dz_i = y_i (dy_i − Σ_j dy_j y_j).
                float dot = 0f;
                for (int j = 0; j < n; j++) {
                    dot += dy[dyo + j] * y[yo + j];
                }
                for (int j = 0; j < n; j++) {
                    dx[dxo + j] = y[yo + j] * (dy[dyo + j] - dot);
                }
            }
        }
    }

    // ------------------------------------------------------------------ losses

    @Override
    public float meanSquaredError(int rows, int cols, float[] y, int yOff, float[] t, int tOff, float[] grad, int gOff) {
        float scale = 2f / ((float) cols * rows);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            float rowSum = 0f;
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                float d = y[yOff + i] - t[tOff + i];
                rowSum += d * d;
                if (grad != null) {
                    grad[gOff + i] = d * scale;
                }
            }
            total += rowSum / cols;
        }
        return (float) total;
    }

    @Override
    public float categoricalCrossEntropy(int rows, int cols, float[] p, int pOff, float[] t, int tOff,
                                         float[] grad, int gOff, boolean softmaxInput) {
        float invRows = 1f / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            float rowLoss = 0f;
            float targetSum = 0f;
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                float ti = t[tOff + i];
                targetSum += ti;
                rowLoss -= ti * (float) Math.log(clip(p[pOff + i]));
            }
            total += rowLoss;
            if (grad != null) {
                for (int j = 0; j < cols; j++) {
                    int i = r * cols + j;
                    float pi = p[pOff + i];
                    float ti = t[tOff + i];
                    grad[gOff + i] = softmaxInput
                            ? (pi * targetSum - ti) * invRows
                            : (inClipRange(pi) ? -ti / pi * invRows : 0f);
                }
            }
        }
        return (float) total;
    }

    @Override
    public float sparseCategoricalCrossEntropy(int rows, int cols, float[] p, int pOff, float[] labels, int lOff,
                                               float[] grad, int gOff, boolean softmaxInput) {
        float invRows = 1f / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int label = label(labels[lOff + r], cols, r);
            int row = pOff + r * cols;
            total -= Math.log(clip(p[row + label]));
            if (grad != null) {
                for (int j = 0; j < cols; j++) {
                    float pj = p[row + j];
                    float tj = j == label ? 1f : 0f;
                    grad[gOff + r * cols + j] = softmaxInput
                            ? (pj - tj) * invRows
                            : (inClipRange(pj) ? -tj / pj * invRows : 0f);
                }
            }
        }
        return (float) total;
    }

    @Override
    public float binaryCrossEntropy(int rows, int cols, float[] p, int pOff, float[] t, int tOff,
                                    float[] grad, int gOff, boolean sigmoidInput) {
        float scale = 1f / ((float) cols * rows);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            float rowLoss = 0f;
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                float pi = p[pOff + i];
                float ti = t[tOff + i];
                float pc = clip(pi);
                rowLoss -= ti * (float) Math.log(pc) + (1f - ti) * (float) Math.log(1f - pc);
                if (grad != null) {
                    grad[gOff + i] = sigmoidInput
                            ? (pi - ti) * scale
                            : (inClipRange(pi) ? (pi - ti) / (pi * (1f - pi)) * scale : 0f);
                }
            }
            total += rowLoss / cols;
        }
        return (float) total;
    }

    static float clip(float p) {
        return Math.min(Math.max(p, EPS), 1f - EPS);
    }

    static boolean inClipRange(float p) {
        return p > EPS && p < 1f - EPS;
    }

    static int label(float value, int classes, int row) {
        int label = (int) value;
        if (label != value || label < 0 || label >= classes) {
            throw new IllegalArgumentException("Sparse label at row " + row + " is " + value
                    + ": expected a whole number in [0, " + classes + ")");
        }
        return label;
    }

    // ------------------------------------------------------------------ optimizers

    @Override
    public void sgdUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff,
                          float lr, float momentum, boolean nesterov) {
        if (momentum == 0f) {
            for (int i = 0; i < n; i++) {
                w[wOff + i] -= lr * g[gOff + i];
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            float v = momentum * velocity[vOff + i] - lr * g[gOff + i];
            velocity[vOff + i] = v;
            w[wOff + i] += nesterov ? momentum * v - lr * g[gOff + i] : v;
        }
    }

    @Override
    public void adamUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                           float lr, float beta1, float beta2, float epsilon, long step) {
        float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = m[mOff + i] + (gi - m[mOff + i]) * (1f - beta1);
            float vi = v[vOff + i] + (gi * gi - v[vOff + i]) * (1f - beta2);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            w[wOff + i] -= alpha * mi / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    @Override
    public void rmspropUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] meanSquare, int sOff,
                              float lr, float rho, float epsilon) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float s = rho * meanSquare[sOff + i] + (1f - rho) * gi * gi;
            meanSquare[sOff + i] = s;
            w[wOff + i] -= lr * gi / (float) Math.sqrt(s + epsilon);
        }
    }

    @Override
    public void adagradUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] accumulator, int aOff,
                              float lr, float epsilon) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float a = accumulator[aOff + i] + gi * gi;
            accumulator[aOff + i] = a;
            w[wOff + i] -= lr * gi / (float) Math.sqrt(a + epsilon);
        }
    }
}
