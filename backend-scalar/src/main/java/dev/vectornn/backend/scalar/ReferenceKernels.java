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
}
