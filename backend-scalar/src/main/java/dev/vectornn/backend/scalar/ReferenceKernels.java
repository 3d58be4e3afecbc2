package dev.vectornn.backend.scalar;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

/**
 * The reference implementation of every kernel: straightforward loops written to be read, and
 * the definition every other backend is checked against (see {@code KernelsContract} in this
 * module's test-jar). It is what the {@code "scalar"} backend runs.
 *
 * <p>A backend extends this class and overrides only what it accelerates; everything else stays
 * the reference. Each method depends only on its arguments, so an override may call
 * {@code super} for the shapes it does not handle (the SIMD backend does so for small problems).
 * Activations are computed by the {@link Activation}'s own {@link Activation#forward forward}
 * and {@link Activation#backward backward}, which are their definition.
 *
 * <p>The only concession to speed is loop order: matrix products run {@code i-p-j} (the innermost
 * loop walks a row of B and a row of C with unit stride), which HotSpot's C2 auto-vectorises and
 * which keeps the iris network's tiny layers fast even before any warm-up.
 *
 * <p>Instances are stateless and safe to share between threads.
 */
public class ReferenceKernels implements Kernels {

    /** Keras' {@code epsilon()}: probabilities are clipped to {@code [EPS, 1 − EPS]} before the log. */
    public static final float EPS = 1e-7f;

    /** Creates the reference kernels; cheap, they hold no state. */
    public ReferenceKernels() {
    }

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
            if (transB) {
                // Bᵀ: row j of op(B)'s columns is row j of B, so a dot product walks both with unit stride.
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]) * b[bj + p];
                    }
                    c[ci + j] += alpha * s;
                }
                continue;
            }
            for (int p = 0; p < k; p++) {
                float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    // ------------------------------------------------------------------ dense

    /**
     * {@inheritDoc}
     *
     * <p>Written as bias rows, one {@link #gemm} with {@code beta = 1}, then the activation row by
     * row: a backend that overrides only {@code gemm} accelerates every dense layer too.
     */
    @Override
    public void denseForward(int batch, int in, int out, float[] x, int xOff, int ldx,
                             float[] w, int wOff, float[] bias, int bOff, Activation act,
                             float[] y, int yOff, int ldy) {
        for (int r = 0; r < batch; r++) {
            int yr = yOff + r * ldy;
            for (int j = 0; j < out; j++) {
                y[yr + j] = bias == null ? 0f : bias[bOff + j];
            }
        }
        gemm(false, false, batch, out, in, 1f, x, xOff, ldx, w, wOff, out, 1f, y, yOff, ldy);
        for (int r = 0; r < batch; r++) {
            act.forward(1, out, y, yOff + r * ldy, y, yOff + r * ldy);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Written as the activation's derivative row by row, the bias sums, and two {@link #gemm}
     * calls ({@code dW += xᵀ · dZ}, {@code dX = dZ · Wᵀ}).
     */
    @Override
    public void denseBackward(int batch, int in, int out, float[] x, int xOff, int ldx,
                              float[] w, int wOff, float[] y, int yOff, int ldy, Activation act,
                              float[] dy, int dyOff, int lddy, float[] dw, int dwOff,
                              float[] db, int dbOff, float[] dx, int dxOff, int lddx) {
        for (int r = 0; r < batch; r++) {
            int dr = dyOff + r * lddy;
            // 1. dZ = act'(y) ⊙ dY in place, and db += dZ, row after row.
            act.backward(1, out, null, 0, y, yOff + r * ldy, dy, dr, dy, dr);
            if (db != null) {
                for (int j = 0; j < out; j++) {
                    db[dbOff + j] += dy[dr + j];
                }
            }
        }
        // 2. dW += xᵀ · dZ, summed over the rows in order.
        gemm(true, false, in, out, batch, 1f, x, xOff, ldx, dy, dyOff, lddy, 1f, dw, dwOff, out);
        // 3. dX = dZ · Wᵀ.
        if (dx != null) {
            gemm(false, true, batch, in, out, 1f, dy, dyOff, lddy, w, wOff, out, 0f, dx, dxOff, lddx);
        }
    }

    // ------------------------------------------------------------------ activations

    @Override
    public void activationForward(Activation act, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        act.forward(rows, cols, x, xOff, y, yOff);
    }

    @Override
    public void activationBackward(Activation act, int rows, int cols, float[] y, int yOff,
                                   float[] dy, int dyOff, float[] dx, int dxOff) {
        act.backward(rows, cols, null, 0, y, yOff, dy, dyOff, dx, dxOff);
    }

    /** {@inheritDoc} The activation's own {@link Activation#backward}, given the input. */
    @Override
    public void activationBackwardFromInput(Activation act, int rows, int cols, float[] x, int xOff,
                                            float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        act.backward(rows, cols, x, xOff, y, yOff, dy, dyOff, dx, dxOff);
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

    /** {@code p} clipped to {@code [EPS, 1 − EPS]}, as Keras clips probabilities before the log. */
    public static float clip(float p) {
        return Math.min(Math.max(p, EPS), 1f - EPS);
    }

    /** True if {@code p} lies strictly inside the clip range, where the unfused gradients are non-zero. */
    public static boolean inClipRange(float p) {
        return p > EPS && p < 1f - EPS;
    }

    /**
     * The class index a sparse label holds.
     *
     * @throws IllegalArgumentException naming the row if {@code value} is not a whole number in
     *                                  {@code [0, classes)}
     */
    public static int label(float value, int classes, int row) {
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

    // ------------------------------------------------------------------ optimizer additions (issue 14 item 5: opt)

    @Override
    public void nadamUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                            float lr, float beta1, float beta2, float epsilon,
                            float momentumFactor, float gradientFactor, float secondMomentCorrection) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = movingAverage(m[mOff + i], gi, 1f - beta1);
            float vi = movingAverage(v[vOff + i], gi * gi, 1f - beta2);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float mHat = momentumFactor * mi + gradientFactor * gi;
            float vHat = vi / secondMomentCorrection;
            w[wOff + i] -= mHat * lr / ((float) Math.sqrt(vHat) + epsilon);
        }
    }

    @Override
    public void adamaxUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff,
                             float lr, float beta1, float beta2, float epsilon, float firstMomentCorrection) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = movingAverage(m[mOff + i], gi, 1f - beta1);
            float ui = Math.max(beta2 * u[uOff + i], Math.abs(gi));
            m[mOff + i] = mi;
            u[uOff + i] = ui;
            w[wOff + i] -= lr * mi / (firstMomentCorrection * (ui + epsilon));
        }
    }

    /** Keras' moment update {@code s += (x − s) · c}, {@code c = 1 − β}, written as Keras writes it. */
    static float movingAverage(float s, float x, float c) {
        return s + (x - s) * c;
    }

    @Override
    public void lionUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                           float lr, float beta1, float beta2) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = m[mOff + i];
            w[wOff + i] -= lr * Math.signum(mi * beta1 + gi * (1f - beta1));
            m[mOff + i] = mi * beta2 + gi * (1f - beta2);
        }
    }

    @Override
    public void decayWeights(int n, float[] w, int wOff, float rate) {
        for (int i = 0; i < n; i++) {
            w[wOff + i] -= w[wOff + i] * rate;
        }
    }

    @Override
    public double squaredNorm(int n, float[] x, int xOff) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[xOff + i];
            sum += xi * xi;
        }
        return sum;
    }

    @Override
    public void scaleInPlace(int n, float[] x, int xOff, float factor) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= factor;
        }
    }

    @Override
    public void clipByValue(int n, float[] x, int xOff, float limit) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] = Math.min(Math.max(x[xOff + i], -limit), limit);
        }
    }
    // ------------------------------------------------------------------ batch normalization (issue #14, layers)
    // Row-outer loops with one accumulator per column, each summed over the rows in row order: the
    // order a vectorised kernel that puts columns in lanes keeps, so it can match these bits.

    @Override
    public void batchNormForward(int rows, int cols, float[] x, int xOff, float epsilon, float[] gamma, int gOff,
                                 float[] beta, int bOff, float[] stats, int sOff, float[] y, int yOff) {
        if (rows == 0 || cols == 0) {
            return;
        }
        int mean = sOff;
        int var = sOff + cols;
        int inv = sOff + 2 * cols;
        int scale = sOff + 3 * cols;
        int shift = sOff + 4 * cols;
        java.util.Arrays.fill(stats, mean, inv, 0f);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                stats[mean + j] += x[xOff + r * cols + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            stats[mean + j] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float d = x[xOff + r * cols + j] - stats[mean + j];
                stats[var + j] += d * d;
            }
        }
        for (int j = 0; j < cols; j++) {
            stats[var + j] /= rows;
            stats[inv + j] = 1f / (float) Math.sqrt(stats[var + j] + epsilon);
            // The working rows hold s·γ and β, so that the element loop has one form.
            stats[scale + j] = gamma == null ? stats[inv + j] : stats[inv + j] * gamma[gOff + j];
            stats[shift + j] = beta == null ? 0f : beta[bOff + j];
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                y[yOff + r * cols + j] = (x[xOff + r * cols + j] - stats[mean + j]) * stats[scale + j] + stats[shift + j];
            }
        }
    }

    @Override
    public void batchNormInference(int rows, int cols, float[] x, int xOff, float[] mean, int mOff, float[] variance,
                                   int vOff, float epsilon, float[] gamma, int gOff, float[] beta, int bOff,
                                   float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float s = 1f / (float) Math.sqrt(variance[vOff + j] + epsilon);
                float scale = gamma == null ? s : s * gamma[gOff + j];
                float shift = beta == null ? 0f : beta[bOff + j];
                y[yOff + r * cols + j] = (x[xOff + r * cols + j] - mean[mOff + j]) * scale + shift;
            }
        }
    }

    @Override
    public void batchNormBackward(int rows, int cols, float[] x, int xOff, float[] stats, int sOff, float[] gamma,
                                  int gOff, float[] dy, int dyOff, float[] dGamma, int dgOff, float[] dBeta, int dbOff,
                                  float[] dx, int dxOff) {
        if (rows == 0 || cols == 0) {
            return;
        }
        int mean = sOff;
        int scale = sOff + cols; // the variance row, overwritten with γ·s
        int inv = sOff + 2 * cols;
        int sumDy = sOff + 3 * cols;
        int sumDyXhat = sOff + 4 * cols;
        java.util.Arrays.fill(stats, sumDy, sumDyXhat + cols, 0f);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float g = dy[dyOff + r * cols + j];
                float xhat = (x[xOff + r * cols + j] - stats[mean + j]) * stats[inv + j];
                stats[sumDy + j] += g;
                stats[sumDyXhat + j] += g * xhat;
            }
        }
        for (int j = 0; j < cols; j++) {
            if (dGamma != null) {
                dGamma[dgOff + j] += stats[sumDyXhat + j];
            }
            if (dBeta != null) {
                dBeta[dbOff + j] += stats[sumDy + j];
            }
            // From here on the two rows hold the means over the batch.
            stats[sumDy + j] /= rows;
            stats[sumDyXhat + j] /= rows;
            stats[scale + j] = gamma == null ? stats[inv + j] : gamma[gOff + j] * stats[inv + j];
        }
        if (dx == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float xhat = (x[xOff + r * cols + j] - stats[mean + j]) * stats[inv + j];
                float g = dy[dyOff + r * cols + j];
                dx[dxOff + r * cols + j] = stats[scale + j] * ((g - stats[sumDy + j]) - xhat * stats[sumDyXhat + j]);
            }
        }
    }
}
