package dev.vectornn.backend.simd;

import dev.vectornn.backend.scalar.ReferenceKernels;
import dev.vectornn.spi.Activation;

/**
 * The Vector API kernels. Every method first decides by shape: small problems run the reference
 * kernels this class extends ({@code super}: no packing, no cold vector code), the rest run
 * vectorised — matrix products through the packed, blocked, multi-threaded {@link GemmDriver},
 * everything else through {@link VectorOps}. A kernel called with an activation that is not
 * built in (a plugin one, see {@link BuiltinActivation}) runs wholly on the reference path; the
 * model never does that, since {@link #fusesActivation} accepts only the built-ins, and runs the
 * product here with the activation applied by itself.
 */
final class SimdKernels extends ReferenceKernels {

    private final SimdSettings settings;
    private final GemmDriver gemm;
    private final long smallFlops;
    private final int smallElements;

    SimdKernels(SimdSettings settings) {
        this.settings = settings;
        this.gemm = new GemmDriver(settings);
        this.smallFlops = settings.smallFlops();
        this.smallElements = settings.smallElements();
    }

    /** One line for logs: width, FMA, threads, tile and blocks, and why they were chosen. */
    String describe() {
        return KernelShape.describe(settings);
    }

    /**
     * Softmax works row by row, so the vector code pays off once the block is large enough to get
     * compiled (the element threshold, as for the other activations) and each row fills a few
     * vectors; rows shorter than that (the iris network's 3 classes) stay in plain loops.
     */
    private boolean smallSoftmax(int rows, int cols) {
        return (long) rows * cols < smallElements || cols < 4 * Lanes.L;
    }

    private boolean smallProduct(int m, int n, int k) {
        return (long) m * n * k < smallFlops;
    }

    // ------------------------------------------------------------------ gemm

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (smallProduct(m, n, k)) {
            super.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        gemm.multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                null, 0, MicroKernel.ACT_NONE);
    }

    // ------------------------------------------------------------------ dense

    @Override
    public void denseForward(int batch, int in, int out, float[] x, int xOff, int ldx,
                             float[] w, int wOff, float[] bias, int bOff, Activation act,
                             float[] y, int yOff, int ldy) {
        if (batch == 0 || out == 0) {
            return;
        }
        if (smallProduct(batch, out, in) || BuiltinActivation.of(act) == null) {
            super.denseForward(batch, in, out, x, xOff, ldx, w, wOff, bias, bOff, act, y, yOff, ldy);
            return;
        }
        // Bias and element-wise activations are applied in the micro-kernel's store.
        gemm.multiply(false, false, batch, out, in, 1f, x, xOff, ldx, w, wOff, out, 0f, y, yOff, ldy,
                bias, bOff, act == Activation.SOFTMAX ? MicroKernel.ACT_NONE : act);
        if (act == Activation.SOFTMAX) {
            // Softmax needs a whole row (its maximum and sum) that a tile does not have.
            for (int r = 0; r < batch; r++) {
                int yr = yOff + r * ldy;
                VectorOps.softmaxRow(y, yr, y, yr, out);
            }
        }
    }

    @Override
    public void denseBackward(int batch, int in, int out, float[] x, int xOff, int ldx,
                              float[] w, int wOff, float[] y, int yOff, int ldy, Activation act,
                              float[] dy, int dyOff, int lddy, float[] dw, int dwOff,
                              float[] db, int dbOff, float[] dx, int dxOff, int lddx) {
        if (batch == 0) {
            return;
        }
        if (smallProduct(batch, out, in) || BuiltinActivation.of(act) == null || act.derivativeNeedsInput()) {
            super.denseBackward(batch, in, out, x, xOff, ldx, w, wOff, y, yOff, ldy, act, dy, dyOff, lddy,
                    dw, dwOff, db, dbOff, dx, dxOff, lddx);
            return;
        }
        // 1. dZ = act'(y) ⊙ dY in place, and db += Σ_rows dZ (row order, as the reference sums).
        for (int r = 0; r < batch; r++) {
            int dr = dyOff + r * lddy;
            VectorOps.derivative(act, y, yOff + r * ldy, dy, dr, dy, dr, out);
            if (db != null) {
                VectorOps.addInto(db, dbOff, dy, dr, out);
            }
        }
        if (in == 0) {
            return;
        }
        // 2. dW += xᵀ · dZ: an in × out product over the batch.
        if (out > 0) {
            gemm.multiply(true, false, in, out, batch, 1f, x, xOff, ldx, dy, dyOff, lddy, 1f, dw, dwOff, out,
                    null, 0, MicroKernel.ACT_NONE);
        }
        // 3. dX = dZ · Wᵀ: a batch × in product over the outputs (zero when out = 0).
        if (dx != null) {
            gemm.multiply(false, true, batch, in, out, 1f, dy, dyOff, lddy, w, wOff, out, 0f, dx, dxOff, lddx,
                    null, 0, MicroKernel.ACT_NONE);
        }
    }

    // ------------------------------------------------------------------ activations

    @Override
    public void activationForward(Activation act, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        int n = rows * cols;
        if (BuiltinActivation.of(act) == null) {
            super.activationForward(act, rows, cols, x, xOff, y, yOff);
        } else if (act == Activation.SOFTMAX) {
            if (smallSoftmax(rows, cols)) {
                super.activationForward(act, rows, cols, x, xOff, y, yOff);
                return;
            }
            for (int r = 0; r < rows; r++) {
                VectorOps.softmaxRow(x, xOff + r * cols, y, yOff + r * cols, cols);
            }
        } else if (n < smallElements) {
            super.activationForward(act, rows, cols, x, xOff, y, yOff);
        } else {
            VectorOps.map(act, x, xOff, y, yOff, n);
        }
    }

    @Override
    public void activationBackward(Activation act, int rows, int cols, float[] y, int yOff,
                                   float[] dy, int dyOff, float[] dx, int dxOff) {
        if (BuiltinActivation.of(act) == null || act.derivativeNeedsInput()) {
            super.activationBackward(act, rows, cols, y, yOff, dy, dyOff, dx, dxOff);
        } else if (act == Activation.SOFTMAX) {
            if (smallSoftmax(rows, cols)) {
                super.activationBackward(act, rows, cols, y, yOff, dy, dyOff, dx, dxOff);
                return;
            }
            for (int r = 0; r < rows; r++) {
                VectorOps.derivative(act, y, yOff + r * cols, dy, dyOff + r * cols, dx, dxOff + r * cols, cols);
            }
        } else if (rows * cols < smallElements) {
            super.activationBackward(act, rows, cols, y, yOff, dy, dyOff, dx, dxOff);
        } else {
            VectorOps.derivative(act, y, yOff, dy, dyOff, dx, dxOff, rows * cols);
        }
    }

    /**
     * {@inheritDoc} GELU (exact and tanh form) and SiLU run vectorised ({@link ActivationVectors}); any other
     * activation, and small blocks, on the reference path.
     */
    @Override
    public void activationBackwardFromInput(Activation act, int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                                            float[] dy, int dyOff, float[] dx, int dxOff) {
        BuiltinActivation kind = BuiltinActivation.of(act);
        if (kind == null || !kind.needsInput() || rows * cols < smallElements) {
            super.activationBackwardFromInput(act, rows, cols, x, xOff, y, yOff, dy, dyOff, dx, dxOff);
        } else {
            VectorOps.derivativeFromInput(act, x, xOff, y, yOff, dy, dyOff, dx, dxOff, rows * cols);
        }
    }

    // ------------------------------------------------------------------ losses

    @Override
    public float meanSquaredError(int rows, int cols, float[] y, int yOff, float[] t, int tOff, float[] grad, int gOff) {
        if (cols < smallElements) {
            return super.meanSquaredError(rows, cols, y, yOff, t, tOff, grad, gOff);
        }
        float scale = 2f / ((float) cols * rows);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            total += VectorOps.squaredErrorRow(y, yOff + o, t, tOff + o, grad, gOff + o, cols, scale) / cols;
        }
        return (float) total;
    }

    @Override
    public float categoricalCrossEntropy(int rows, int cols, float[] p, int pOff, float[] t, int tOff,
                                         float[] grad, int gOff, boolean softmaxInput) {
        if (cols < smallElements) {
            return super.categoricalCrossEntropy(rows, cols, p, pOff, t, tOff, grad, gOff, softmaxInput);
        }
        float invRows = 1f / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            total += VectorOps.crossEntropyRow(p, pOff + o, t, tOff + o, grad, gOff + o, cols, invRows, softmaxInput);
        }
        return (float) total;
    }

    @Override
    public float sparseCategoricalCrossEntropy(int rows, int cols, float[] p, int pOff, float[] labels, int lOff,
                                               float[] grad, int gOff, boolean softmaxInput) {
        if (cols < smallElements) {
            return super.sparseCategoricalCrossEntropy(rows, cols, p, pOff, labels, lOff, grad, gOff, softmaxInput);
        }
        float invRows = 1f / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int label = ReferenceKernels.label(labels[lOff + r], cols, r);
            int row = pOff + r * cols;
            total -= Math.log(ReferenceKernels.clip(p[row + label]));
            if (grad != null) {
                int g = gOff + r * cols;
                if (softmaxInput) {
                    VectorOps.scaledCopy(p, row, grad, g, cols, invRows);
                    grad[g + label] = (p[row + label] - 1f) * invRows;
                } else {
                    // −t/p is zero off the label: only the label's entry is non-zero.
                    java.util.Arrays.fill(grad, g, g + cols, 0f);
                    float pl = p[row + label];
                    grad[g + label] = ReferenceKernels.inClipRange(pl) ? -1f / pl * invRows : 0f;
                }
            }
        }
        return (float) total;
    }

    @Override
    public float binaryCrossEntropy(int rows, int cols, float[] p, int pOff, float[] t, int tOff,
                                    float[] grad, int gOff, boolean sigmoidInput) {
        if (cols < smallElements) {
            return super.binaryCrossEntropy(rows, cols, p, pOff, t, tOff, grad, gOff, sigmoidInput);
        }
        float scale = 1f / ((float) cols * rows);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            total += VectorOps.binaryCrossEntropyRow(p, pOff + o, t, tOff + o, grad, gOff + o, cols, scale, sigmoidInput)
                    / cols;
        }
        return (float) total;
    }

    // ------------------------------------------------------------------ optimizers

    @Override
    public void sgdUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff,
                          float lr, float momentum, boolean nesterov) {
        if (n < smallElements) {
            super.sgdUpdate(n, w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov);
        } else {
            for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
                VectorOps.sgd(Math.min(VectorOps.CHUNK, n - c), w, wOff + c, g, gOff + c, velocity, vOff + c, lr,
                        momentum, nesterov);
            }
        }
    }

    @Override
    public void adamUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                           float lr, float beta1, float beta2, float epsilon, long step) {
        if (n < smallElements) {
            super.adamUpdate(n, w, wOff, g, gOff, m, mOff, v, vOff, lr, beta1, beta2, epsilon, step);
            return;
        }
        // The same bias correction as the reference, computed the same way.
        float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
        for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
            VectorOps.adam(Math.min(VectorOps.CHUNK, n - c), w, wOff + c, g, gOff + c, m, mOff + c, v, vOff + c, alpha,
                    beta1, beta2, epsilon);
        }
    }

    @Override
    public void rmspropUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] meanSquare, int sOff,
                              float lr, float rho, float epsilon) {
        if (n < smallElements) {
            super.rmspropUpdate(n, w, wOff, g, gOff, meanSquare, sOff, lr, rho, epsilon);
        } else {
            for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
                VectorOps.rmsprop(Math.min(VectorOps.CHUNK, n - c), w, wOff + c, g, gOff + c, meanSquare, sOff + c, lr,
                        rho, epsilon);
            }
        }
    }

    @Override
    public void adagradUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] accumulator, int aOff,
                              float lr, float epsilon) {
        if (n < smallElements) {
            super.adagradUpdate(n, w, wOff, g, gOff, accumulator, aOff, lr, epsilon);
        } else {
            for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
                VectorOps.adagrad(Math.min(VectorOps.CHUNK, n - c), w, wOff + c, g, gOff + c, accumulator, aOff + c, lr,
                        epsilon);
            }
        }
    }

    // ------------------------------------------------------------------ optimizer additions (issue 14 item 5: opt)

    @Override
    public void nadamUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                            float lr, float beta1, float beta2, float epsilon,
                            float momentumFactor, float gradientFactor, float secondMomentCorrection) {
        if (n < smallElements) {
            super.nadamUpdate(n, w, wOff, g, gOff, m, mOff, v, vOff, lr, beta1, beta2, epsilon,
                    momentumFactor, gradientFactor, secondMomentCorrection);
        } else {
            for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
                OptimizerUpdates.nadam(Math.min(VectorOps.CHUNK, n - c), w, wOff + c, g, gOff + c, m, mOff + c, v, vOff + c,
                        lr, beta1, beta2, epsilon, momentumFactor, gradientFactor, secondMomentCorrection);
            }
        }
    }

    @Override
    public void adamaxUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff,
                             float lr, float beta1, float beta2, float epsilon, float firstMomentCorrection) {
        if (n < smallElements) {
            super.adamaxUpdate(n, w, wOff, g, gOff, m, mOff, u, uOff, lr, beta1, beta2, epsilon, firstMomentCorrection);
        } else {
            for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
                OptimizerUpdates.adamax(Math.min(VectorOps.CHUNK, n - c), w, wOff + c, g, gOff + c, m, mOff + c, u, uOff + c,
                        lr, beta1, beta2, epsilon, firstMomentCorrection);
            }
        }
    }

    @Override
    public void lionUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                           float lr, float beta1, float beta2) {
        if (n < smallElements) {
            super.lionUpdate(n, w, wOff, g, gOff, m, mOff, lr, beta1, beta2);
        } else {
            for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
                OptimizerUpdates.lion(Math.min(VectorOps.CHUNK, n - c), w, wOff + c, g, gOff + c, m, mOff + c, lr, beta1,
                        beta2);
            }
        }
    }

    @Override
    public void decayWeights(int n, float[] w, int wOff, float rate) {
        if (n < smallElements) {
            super.decayWeights(n, w, wOff, rate);
        } else {
            for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
                OptimizerUpdates.decay(Math.min(VectorOps.CHUNK, n - c), w, wOff + c, rate);
            }
        }
    }

    @Override
    public double squaredNorm(int n, float[] x, int xOff) {
        return n < smallElements ? super.squaredNorm(n, x, xOff) : OptimizerUpdates.squaredNorm(n, x, xOff);
    }

    @Override
    public void scaleInPlace(int n, float[] x, int xOff, float factor) {
        if (n < smallElements) {
            super.scaleInPlace(n, x, xOff, factor);
        } else {
            for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
                OptimizerUpdates.scale(Math.min(VectorOps.CHUNK, n - c), x, xOff + c, factor);
            }
        }
    }

    @Override
    public void clipByValue(int n, float[] x, int xOff, float limit) {
        if (n < smallElements) {
            super.clipByValue(n, x, xOff, limit);
        } else {
            for (int c = 0; c < n; c += VectorOps.CHUNK) { // chunked: see VectorOps.CHUNK
                OptimizerUpdates.clip(Math.min(VectorOps.CHUNK, n - c), x, xOff + c, limit);
            }
        }
    }

    @Override
    public int firstNonFinite(int n, float[] x, int xOff) {
        // Without FULL_OPS (SSE) C2 does not compile the vector compare, and the method's vectors
        // were boxed (about 130 bytes a call under UseAVX=0) even where the scan ran no vector loop.
        return n < smallElements || !Lanes.FULL_OPS ? super.firstNonFinite(n, x, xOff)
                : OptimizerUpdates.firstNonFinite(n, x, xOff);
    }

    // ------------------------------------------------------------------ batch normalization (issue #14, layers)

    @Override
    public void batchNormForward(int rows, int cols, float[] x, int xOff, float epsilon, float[] gamma, int gOff,
                                 float[] beta, int bOff, float[] stats, int sOff, float[] y, int yOff) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if ((long) rows * cols < smallElements || cols < Lanes.L) {
            super.batchNormForward(rows, cols, x, xOff, epsilon, gamma, gOff, beta, bOff, stats, sOff, y, yOff);
            return;
        }
        BatchNormOps.forward(rows, cols, x, xOff, epsilon, gamma, gOff, beta, bOff, stats, sOff, y, yOff);
    }

    @Override
    public void batchNormBackward(int rows, int cols, float[] x, int xOff, float[] stats, int sOff, float[] gamma,
                                  int gOff, float[] dy, int dyOff, float[] dGamma, int dgOff, float[] dBeta, int dbOff,
                                  float[] dx, int dxOff) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if ((long) rows * cols < smallElements || cols < Lanes.L) {
            super.batchNormBackward(rows, cols, x, xOff, stats, sOff, gamma, gOff, dy, dyOff, dGamma, dgOff,
                    dBeta, dbOff, dx, dxOff);
            return;
        }
        BatchNormOps.backward(rows, cols, x, xOff, stats, sOff, gamma, gOff, dy, dyOff, dGamma, dgOff, dBeta, dbOff,
                dx, dxOff);
    }

    @Override
    public void batchNormInference(int rows, int cols, float[] x, int xOff, float[] mean, int mOff, float[] variance,
                                   int vOff, float epsilon, float[] gamma, int gOff, float[] beta, int bOff,
                                   float[] y, int yOff) {
        if ((long) rows * cols < smallElements || cols < Lanes.L || gamma == null || beta == null) {
            super.batchNormInference(rows, cols, x, xOff, mean, mOff, variance, vOff, epsilon, gamma, gOff, beta, bOff,
                    y, yOff);
            return;
        }
        BatchNormOps.inference(rows, cols, x, xOff, mean, mOff, variance, vOff, epsilon, gamma, gOff, beta, bOff, y, yOff);
    }
}
