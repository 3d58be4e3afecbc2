package dev.vectornn.testkit;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

/**
 * A real backend's kernels with exactly one derivative broken ({@link Breakage}); every other
 * computation is delegated unchanged. Test-only: it allocates freely.
 */
public final class BrokenKernels implements Kernels {

    private final Kernels real;
    private final Breakage breakage;

    public BrokenKernels(Kernels real, Breakage breakage) {
        this.real = real;
        this.breakage = breakage;
    }

    public Breakage breakage() {
        return breakage;
    }

    /** The activation whose derivative this breakage falsifies, or null. */
    private Activation brokenActivation() {
        return switch (breakage) {
            case SIGMOID_DERIVATIVE_TIMES_1_1 -> Activation.SIGMOID;
            case TANH_DERIVATIVE_ONE_MINUS_ABS -> Activation.TANH;
            case RELU_DERIVATIVE_IGNORES_MASK -> Activation.RELU;
            case SOFTMAX_JACOBIAN_DIAGONAL_ONLY -> Activation.SOFTMAX;
            default -> null;
        };
    }

    /** {@code dy ← act'(y) ⊙ dy} for one row, with the broken derivative. */
    private void brokenDerivativeRow(Activation act, float[] y, int yo, float[] dy, int dyo, int n) {
        switch (breakage) {
            case SIGMOID_DERIVATIVE_TIMES_1_1 -> {
                real.activationBackward(act, 1, n, y, yo, dy, dyo, dy, dyo);
                for (int j = 0; j < n; j++) {
                    dy[dyo + j] *= 1.1f;
                }
            }
            case TANH_DERIVATIVE_ONE_MINUS_ABS -> {
                for (int j = 0; j < n; j++) {
                    dy[dyo + j] *= 1f - Math.abs(y[yo + j]);
                }
            }
            case RELU_DERIVATIVE_IGNORES_MASK -> { }
            case SOFTMAX_JACOBIAN_DIAGONAL_ONLY -> {
                for (int j = 0; j < n; j++) {
                    float s = y[yo + j];
                    dy[dyo + j] *= s * (1f - s);
                }
            }
            default -> throw new IllegalStateException(breakage + " breaks no activation");
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        real.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void denseForward(int batch, int in, int out, float[] x, int xOff, int ldx, float[] w, int wOff,
                             float[] bias, int bOff, Activation act, float[] y, int yOff, int ldy) {
        real.denseForward(batch, in, out, x, xOff, ldx, w, wOff, bias, bOff, act, y, yOff, ldy);
    }

    @Override
    public void denseBackward(int batch, int in, int out, float[] x, int xOff, int ldx, float[] w, int wOff,
                              float[] y, int yOff, int ldy, Activation act, float[] dy, int dyOff, int lddy,
                              float[] dw, int dwOff, float[] db, int dbOff, float[] dx, int dxOff, int lddx) {
        Activation effective = act;
        if (act == brokenActivation()) {
            for (int r = 0; r < batch; r++) {
                brokenDerivativeRow(act, y, yOff + r * ldy, dy, dyOff + r * lddy, out);
            }
            effective = Activation.LINEAR;
        }
        switch (breakage) {
            case DENSE_DX_HALVED -> {
                real.denseBackward(batch, in, out, x, xOff, ldx, w, wOff, y, yOff, ldy, effective, dy, dyOff, lddy,
                        dw, dwOff, db, dbOff, dx, dxOff, lddx);
                if (dx != null) {
                    for (int r = 0; r < batch; r++) {
                        for (int i = 0; i < in; i++) {
                            dx[dxOff + r * lddx + i] *= 0.5f;
                        }
                    }
                }
            }
            case DENSE_DB_SKIPPED -> real.denseBackward(batch, in, out, x, xOff, ldx, w, wOff, y, yOff, ldy, effective,
                    dy, dyOff, lddy, dw, dwOff, null, 0, dx, dxOff, lddx);
            case DENSE_DW_DROPS_LAST_ROW -> {
                int last = batch - 1;
                real.denseBackward(last, in, out, x, xOff, ldx, w, wOff, y, yOff, ldy, effective, dy, dyOff, lddy,
                        dw, dwOff, db, dbOff, dx, dxOff, lddx);
                if (batch > 0) {
                    float[] discarded = new float[in * out];
                    real.denseBackward(1, in, out, x, xOff + last * ldx, ldx, w, wOff, y, yOff + last * ldy, ldy, effective,
                            dy, dyOff + last * lddy, lddy, discarded, 0, db, dbOff, dx, dx == null ? 0 : dxOff + last * lddx, lddx);
                }
            }
            default -> real.denseBackward(batch, in, out, x, xOff, ldx, w, wOff, y, yOff, ldy, effective, dy, dyOff, lddy,
                    dw, dwOff, db, dbOff, dx, dxOff, lddx);
        }
    }

    @Override
    public void activationForward(Activation act, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        real.activationForward(act, rows, cols, x, xOff, y, yOff);
    }

    @Override
    public void activationBackward(Activation act, int rows, int cols, float[] y, int yOff, float[] dy, int dyOff,
                                   float[] dx, int dxOff) {
        if (act != brokenActivation()) {
            real.activationBackward(act, rows, cols, y, yOff, dy, dyOff, dx, dxOff);
            return;
        }
        if (dx != dy || dxOff != dyOff) {
            System.arraycopy(dy, dyOff, dx, dxOff, rows * cols);
        }
        for (int r = 0; r < rows; r++) {
            brokenDerivativeRow(act, y, yOff + r * cols, dx, dxOff + r * cols, cols);
        }
    }

    @Override
    public float meanSquaredError(int rows, int cols, float[] y, int yOff, float[] t, int tOff, float[] grad, int gOff) {
        float loss = real.meanSquaredError(rows, cols, y, yOff, t, tOff, grad, gOff);
        if (grad != null && breakage == Breakage.MSE_GRADIENT_SIGN_FLIPPED) {
            scale(grad, gOff, rows * cols, -1f);
        } else if (grad != null && breakage == Breakage.MSE_GRADIENT_WITHOUT_FACTOR_2) {
            scale(grad, gOff, rows * cols, 0.5f);
        }
        return loss;
    }

    @Override
    public float categoricalCrossEntropy(int rows, int cols, float[] p, int pOff, float[] t, int tOff, float[] grad, int gOff,
                                         boolean softmaxInput) {
        float loss = real.categoricalCrossEntropy(rows, cols, p, pOff, t, tOff, grad, gOff, softmaxInput);
        if (grad != null && softmaxInput && breakage == Breakage.CATEGORICAL_CROSSENTROPY_NOT_BATCH_MEAN) {
            scale(grad, gOff, rows * cols, rows);
        }
        return loss;
    }

    @Override
    public float sparseCategoricalCrossEntropy(int rows, int cols, float[] p, int pOff, float[] labels, int lOff,
                                               float[] grad, int gOff, boolean softmaxInput) {
        if (grad == null || !softmaxInput || breakage != Breakage.SPARSE_CATEGORICAL_CROSSENTROPY_WRONG_CLASS) {
            return real.sparseCategoricalCrossEntropy(rows, cols, p, pOff, labels, lOff, grad, gOff, softmaxInput);
        }
        float[] shifted = new float[rows];
        for (int r = 0; r < rows; r++) {
            shifted[r] = ((int) labels[lOff + r] + 1) % cols;
        }
        real.sparseCategoricalCrossEntropy(rows, cols, p, pOff, shifted, 0, grad, gOff, true);
        return real.sparseCategoricalCrossEntropy(rows, cols, p, pOff, labels, lOff, null, 0, true);
    }

    @Override
    public float binaryCrossEntropy(int rows, int cols, float[] p, int pOff, float[] t, int tOff, float[] grad, int gOff,
                                    boolean sigmoidInput) {
        float loss = real.binaryCrossEntropy(rows, cols, p, pOff, t, tOff, grad, gOff, sigmoidInput);
        if (grad != null && sigmoidInput && breakage == Breakage.BINARY_CROSSENTROPY_GRADIENT_SIGN_FLIPPED) {
            scale(grad, gOff, rows * cols, -1f);
        }
        return loss;
    }

    private static void scale(float[] v, int off, int n, float factor) {
        for (int i = off; i < off + n; i++) {
            v[i] *= factor;
        }
    }

    @Override
    public void sgdUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff, float lr,
                          float momentum, boolean nesterov) {
        real.sgdUpdate(n, w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov);
    }

    @Override
    public void adamUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                           float lr, float beta1, float beta2, float epsilon, long step) {
        real.adamUpdate(n, w, wOff, g, gOff, m, mOff, v, vOff, lr, beta1, beta2, epsilon, step);
    }

    @Override
    public void rmspropUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] meanSquare, int sOff, float lr,
                              float rho, float epsilon) {
        real.rmspropUpdate(n, w, wOff, g, gOff, meanSquare, sOff, lr, rho, epsilon);
    }

    @Override
    public void adagradUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] accumulator, int aOff, float lr,
                              float epsilon) {
        real.adagradUpdate(n, w, wOff, g, gOff, accumulator, aOff, lr, epsilon);
    }

    // ------------------------------------------------------------------ optimizer additions (issue 14 item 5: opt)

    @Override
    public void nadamUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                            float lr, float beta1, float beta2, float epsilon,
                            float momentumFactor, float gradientFactor, float secondMomentCorrection) {
        real.nadamUpdate(n, w, wOff, g, gOff, m, mOff, v, vOff, lr, beta1, beta2, epsilon,
                momentumFactor, gradientFactor, secondMomentCorrection);
    }

    @Override
    public void adamaxUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff,
                             float lr, float beta1, float beta2, float epsilon, float firstMomentCorrection) {
        real.adamaxUpdate(n, w, wOff, g, gOff, m, mOff, u, uOff, lr, beta1, beta2, epsilon, firstMomentCorrection);
    }

    @Override
    public void lionUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                           float lr, float beta1, float beta2) {
        real.lionUpdate(n, w, wOff, g, gOff, m, mOff, lr, beta1, beta2);
    }

    @Override
    public void decayWeights(int n, float[] w, int wOff, float rate) {
        real.decayWeights(n, w, wOff, rate);
    }

    @Override
    public double squaredNorm(int n, float[] x, int xOff) {
        return real.squaredNorm(n, x, xOff);
    }

    @Override
    public void scaleInPlace(int n, float[] x, int xOff, float factor) {
        real.scaleInPlace(n, x, xOff, factor);
    }

    @Override
    public void clipByValue(int n, float[] x, int xOff, float limit) {
        real.clipByValue(n, x, xOff, limit);
    }
    // ------------------------------------------------------------------ batch normalization (issue #14, layers): delegated

    @Override
    public void batchNormForward(int rows, int cols, float[] x, int xOff, float epsilon, float[] gamma, int gOff,
                                 float[] beta, int bOff, float[] stats, int sOff, float[] y, int yOff) {
        real.batchNormForward(rows, cols, x, xOff, epsilon, gamma, gOff, beta, bOff, stats, sOff, y, yOff);
    }

    @Override
    public void batchNormBackward(int rows, int cols, float[] x, int xOff, float[] stats, int sOff, float[] gamma,
                                  int gOff, float[] dy, int dyOff, float[] dGamma, int dgOff, float[] dBeta, int dbOff,
                                  float[] dx, int dxOff) {
        real.batchNormBackward(rows, cols, x, xOff, stats, sOff, gamma, gOff, dy, dyOff, dGamma, dgOff, dBeta, dbOff,
                dx, dxOff);
    }

    @Override
    public void batchNormInference(int rows, int cols, float[] x, int xOff, float[] mean, int mOff, float[] variance,
                                   int vOff, float epsilon, float[] gamma, int gOff, float[] beta, int bOff,
                                   float[] y, int yOff) {
        real.batchNormInference(rows, cols, x, xOff, mean, mOff, variance, vOff, epsilon, gamma, gOff, beta, bOff, y, yOff);
    }

    @Override
    public void activationBackwardFromInput(Activation act, int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                                            float[] dy, int dyOff, float[] dx, int dxOff) {
        real.activationBackwardFromInput(act, rows, cols, x, xOff, y, yOff, dy, dyOff, dx, dxOff);
    }
}
