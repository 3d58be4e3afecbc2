package dev.vectornn.spi;

/**
 * The compute kernels a {@link Backend} provides: everything numeric that one training step does.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Matrices are {@code float[]} in row-major order with an offset and a leading dimension
 *       ({@code ld}, the distance between the starts of two rows). Element {@code (i, j)} of a
 *       matrix {@code a} is {@code a[aOff + i * lda + j]}.</li>
 *   <li>A dense layer's weight matrix has the Keras kernel shape {@code in × out} with leading
 *       dimension {@code out}; its bias has length {@code out}.</li>
 *   <li>Every size may be zero; nothing is read or written then. Sizes are not checked against
 *       array lengths beyond what the JVM's own bounds checks do: callers validate shapes at the
 *       API's edge, kernels stay lean.</li>
 *   <li>Kernels allocate nothing per call in steady state and keep no state between calls that
 *       affects results. They must be safe to call from several threads at once on disjoint
 *       outputs.</li>
 *   <li>Backends agree with the scalar reference backend within float rounding: reductions may
 *       be reordered (vector lanes, blocking, threads), so sums of length {@code k} may differ by
 *       a few ulps times {@code k}, never more. Results never depend on the number of threads. A
 *       backend may pick its summation order by shape (a direct loop for one row, packed panels
 *       for a large batch), so a row's result may differ in its last bits with the batch it is
 *       computed in; the scalar reference is batch-invariant.</li>
 * </ul>
 *
 * <h2>Implementing a backend</h2>
 * Extend the public reference implementation, {@code dev.vectornn.backend.scalar.ReferenceKernels}
 * (module {@code dev.vectornn.backend.scalar}), and override only what you accelerate: every
 * other kernel is then the reference's, and kernels added to this interface later arrive with
 * their reference implementation instead of breaking your backend. Check it with the conformance
 * kit, {@code KernelsContract} in backend-scalar's test-jar.
 *
 * <h2>Activations</h2>
 * The model passes to {@link #denseForward}, {@link #denseBackward} and {@link #activationBackward}
 * only the activations that {@link #fusesActivation} accepts, and {@link Activation#LINEAR}; it runs
 * the derivative of any other activation through that activation's own {@link Activation#backward},
 * or through {@link #activationBackwardFromInput} when it needs the input. {@link #activationForward}
 * and {@link #activationBackwardFromInput} may be handed any activation, and so may every kernel
 * when called directly: a backend must then compute it (the reference calls the activation's
 * methods), typically by running built-ins it knows in its own code and the rest by the reference.
 */
public interface Kernels {

    // ------------------------------------------------------------------ capabilities

    /**
     * Whether this backend computes {@code act} inside its own dense and activation kernels (the
     * capability the model asks before choosing the fused path). The default accepts the
     * built-in activations ({@link Activation#isBuiltin}) whose derivative comes from the output,
     * which every backend must compute; a backend that fuses a plugin activation too overrides
     * this. An activation whose derivative needs the input never goes into the fused dense
     * kernels (they keep no pre-activation): the layer runs the product linear and then
     * {@link #activationForward} and {@link #activationBackwardFromInput}.
     */
    default boolean fusesActivation(Activation act) {
        return Activation.isBuiltin(act) && !act.derivativeNeedsInput();
    }

    // ------------------------------------------------------------------ matrix multiply

    /**
     * General matrix multiply {@code C = alpha · op(A) · op(B) + beta · C}, where {@code op(A)} is
     * {@code m × k} and {@code op(B)} is {@code k × n}.
     *
     * <p>{@code op(A) = A} is stored {@code m × k} (row {@code i} at {@code aOff + i·lda}); with
     * {@code transA}, {@code A} is stored {@code k × m} and {@code op(A) = Aᵀ}. Likewise for B.
     * When {@code beta == 0}, {@code C} is overwritten without being read (NaNs in C do not
     * propagate), as in BLAS.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    // ------------------------------------------------------------------ dense layer, fused

    /**
     * Fused dense forward: {@code y = act(x · W + b)} for a batch.
     *
     * @param x    {@code batch × in} input, leading dimension {@code ldx}
     * @param w    {@code in × out} weights, leading dimension {@code out}
     * @param bias {@code out} biases, or {@code null} for none
     * @param y    {@code batch × out} output, leading dimension {@code ldy}; must not overlap x
     */
    void denseForward(int batch, int in, int out,
                      float[] x, int xOff, int ldx,
                      float[] w, int wOff,
                      float[] bias, int bOff,
                      Activation act,
                      float[] y, int yOff, int ldy);

    /**
     * Fused dense backward. With {@code dZ = act'(·) ⊙ dY} (for softmax, the Jacobian-vector
     * product), computed from the saved output {@code y}:
     * <ul>
     *   <li>{@code dy} is overwritten with {@code dZ} (unchanged when {@code act} is linear);</li>
     *   <li>{@code dW += xᵀ · dZ} (accumulates, so gradients of several batches can be summed);</li>
     *   <li>{@code db += Σ_rows dZ} (accumulates; skipped when {@code db} is null);</li>
     *   <li>{@code dx = dZ · Wᵀ} (overwritten; skipped when {@code dx} is null, e.g. first layer).</li>
     * </ul>
     * Plugin activations whose derivative needs the pre-activation input never reach this
     * kernel (the model applies their {@link Activation#backward} first and passes linear).
     * Pass {@link Activation#LINEAR} when {@code dy} already is the gradient with respect to the
     * pre-activation (a loss fused with the output activation).
     */
    void denseBackward(int batch, int in, int out,
                       float[] x, int xOff, int ldx,
                       float[] w, int wOff,
                       float[] y, int yOff, int ldy,
                       Activation act,
                       float[] dy, int dyOff, int lddy,
                       float[] dw, int dwOff,
                       float[] db, int dbOff,
                       float[] dx, int dxOff, int lddx);

    // ------------------------------------------------------------------ activations

    /**
     * {@code y = act(x)} on a contiguous {@code rows × cols} block (softmax works per row).
     * {@code x} and {@code y} may be the same array at the same offset.
     */
    void activationForward(Activation act, int rows, int cols, float[] x, int xOff, float[] y, int yOff);

    /**
     * {@code dx = act'(·) ⊙ dy} on a contiguous {@code rows × cols} block, the derivative taken
     * from the saved output {@code y} (softmax: the row's Jacobian-vector product). {@code dx}
     * may be {@code dy} itself.
     */
    void activationBackward(Activation act, int rows, int cols, float[] y, int yOff,
                            float[] dy, int dyOff, float[] dx, int dxOff);

    // ------------------------------------------------------------------ activations from the input (issue #14)

    /**
     * {@code dx = act'(·) ⊙ dy} on a contiguous {@code rows × cols} block for an activation whose
     * derivative needs the pre-activation input {@code x} as well as the output {@code y}
     * ({@link Activation#derivativeNeedsInput()}: GELU, SiLU ...). Layers call it for every such
     * activation, built in or not; a backend computes the built-ins it knows and leaves the rest
     * to the activation's own {@link Activation#backward}. {@code dx} may be {@code dy} itself.
     */
    void activationBackwardFromInput(Activation act, int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                                     float[] dy, int dyOff, float[] dx, int dxOff);

    // ------------------------------------------------------------------ losses

    /**
     * Mean squared error. Returns {@code Σ_rows (1/cols) Σ_cols (y − t)²}, the sum over the rows of
     * the per-sample loss. If {@code grad} is non-null, writes the gradient of the batch mean:
     * {@code 2 (y − t) / (cols · rows)}.
     */
    float meanSquaredError(int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                           float[] grad, int gOff);

    /**
     * Categorical cross-entropy on probabilities {@code p} (clipped to {@code [ε, 1 − ε]},
     * {@code ε = 1e-7}, as Keras does). Returns {@code Σ_rows −Σ_cols t log p}. If {@code grad}
     * is non-null it receives the gradient of the batch mean: with {@code softmaxInput}, the
     * gradient with respect to the softmax's logits, {@code (p · Σt − t) / rows} (the stable
     * fused form); otherwise with respect to {@code p}, {@code −t / (p · rows)} (0 where clipped).
     */
    float categoricalCrossEntropy(int rows, int cols, float[] p, int pOff, float[] t, int tOff,
                                  float[] grad, int gOff, boolean softmaxInput);

    /**
     * Sparse categorical cross-entropy: as {@link #categoricalCrossEntropy} with the targets
     * given as class indices {@code labels[lOff + row]} (stored as floats holding whole numbers).
     *
     * @throws IllegalArgumentException if a label is not a whole number in {@code [0, cols)}
     */
    float sparseCategoricalCrossEntropy(int rows, int cols, float[] p, int pOff, float[] labels, int lOff,
                                        float[] grad, int gOff, boolean softmaxInput);

    /**
     * Binary cross-entropy on probabilities (clipped as above). Returns
     * {@code Σ_rows (1/cols) Σ_cols −[t log p + (1 − t) log(1 − p)]}. Gradient of the batch mean:
     * with {@code sigmoidInput} with respect to the logits, {@code (p − t) / (cols · rows)};
     * otherwise with respect to {@code p}, {@code (p − t) / (p (1 − p) cols · rows)} (0 where clipped).
     */
    float binaryCrossEntropy(int rows, int cols, float[] p, int pOff, float[] t, int tOff,
                             float[] grad, int gOff, boolean sigmoidInput);

    // ------------------------------------------------------------------ optimizer updates (Keras 3 rules)

    /**
     * SGD. Without momentum: {@code w −= lr · g} ({@code velocity} may be null). With momentum:
     * {@code v = momentum · v − lr · g}, then {@code w += v}, or with Nesterov
     * {@code w += momentum · v − lr · g}.
     */
    void sgdUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff,
                   float lr, float momentum, boolean nesterov);

    /**
     * Adam at 1-based {@code step}: {@code m += (g − m)(1 − β1)}, {@code v += (g² − v)(1 − β2)},
     * {@code w −= α m / (√v + ε)} with {@code α = lr √(1 − β2^step) / (1 − β1^step)}.
     */
    void adamUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                    float lr, float beta1, float beta2, float epsilon, long step);

    /** RMSprop: {@code s = ρ s + (1 − ρ) g²}, {@code w −= lr · g / √(s + ε)}. */
    void rmspropUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] meanSquare, int sOff,
                       float lr, float rho, float epsilon);

    /** Adagrad: {@code a += g²}, {@code w −= lr · g / √(a + ε)}. */
    void adagradUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] accumulator, int aOff,
                       float lr, float epsilon);

    // ------------------------------------------------------------------ optimizer additions (issue 14 item 5: opt)
    // Nadam, Adamax and Lion as Keras 3 writes them, and the element-wise passes that weight decay
    // and gradient clipping need. Scalars that depend only on the step (bias corrections) are
    // computed once by the optimizer and passed in, so every backend uses the same ones.

    /**
     * Nadam (Keras 3): {@code m += (g − m)(1 − β1)}, {@code v += (g² − v)(1 − β2)}, then
     * {@code m̂ = momentumFactor · m + gradientFactor · g}, {@code v̂ = v / secondMomentCorrection}
     * and {@code w −= m̂ · lr / (√v̂ + ε)}. The optimizer computes the factors from the step: with
     * Keras' {@code u_t = β1 (1 − ½·0.96^t)}, {@code momentumFactor = u_{t+1} / (1 − Π_{i≤t+1} u_i)},
     * {@code gradientFactor = (1 − u_t) / (1 − Π_{i≤t} u_i)} and
     * {@code secondMomentCorrection = 1 − β2^t}.
     */
    void nadamUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                     float lr, float beta1, float beta2, float epsilon,
                     float momentumFactor, float gradientFactor, float secondMomentCorrection);

    /**
     * Adamax (Keras 3): {@code m += (g − m)(1 − β1)}, {@code u = max(β2 · u, |g|)},
     * {@code w −= lr · m / (firstMomentCorrection · (u + ε))} with
     * {@code firstMomentCorrection = 1 − β1^step}.
     */
    void adamaxUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff,
                      float lr, float beta1, float beta2, float epsilon, float firstMomentCorrection);

    /**
     * Lion (Keras 3): {@code w −= lr · sign(β1 · m + (1 − β1) · g)}, then
     * {@code m = β2 · m + (1 − β2) · g}; the sign of zero is zero.
     */
    void lionUpdate(int n, float[] w, int wOff, float[] g, int gOff, float[] m, int mOff,
                    float lr, float beta1, float beta2);

    /** Decoupled weight decay as Keras applies it before an update: {@code w −= w · rate}, {@code rate = weight_decay · lr}. */
    void decayWeights(int n, float[] w, int wOff, float rate);

    /**
     * {@code Σ x²} over {@code n} elements, for gradient clipping by norm. The sum may be
     * reordered (see the class comment); the reference accumulates in double.
     */
    double squaredNorm(int n, float[] x, int xOff);

    /** {@code x *= factor} over {@code n} elements. */
    void scaleInPlace(int n, float[] x, int xOff, float factor);

    /** {@code x = min(max(x, −limit), limit)} over {@code n} elements (gradient clipping by value). */
    void clipByValue(int n, float[] x, int xOff, float limit);

    /**
     * The index, counted from {@code xOff}, of the first NaN or infinite value among {@code n}
     * elements of {@code x}, or {@code -1} when all are finite. Training scans every gradient and
     * parameter with it after each step, to undo a step that diverged, so on a small network it
     * costs as much as the optimizer: a backend should override this plain loop with a vector scan.
     */
    default int firstNonFinite(int n, float[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[xOff + i])) {
                return i;
            }
        }
        return -1;
    }
    // ------------------------------------------------------------------ batch normalization (issue #14, layers)
    // A batch is a rows × cols block of feature rows (row-major, leading dimension cols); every
    // column is one feature. The statistics of one call live in one block, stats[sOff ..], of
    // BATCH_NORM_STATS_PER_COLUMN × cols floats, one row each: mean, biased variance and
    // 1/√(variance + ε) per column (written by the forward kernel, read by the backward one),
    // then two rows of working space. Columns are summed over rows in row order.

    /** Floats per column of a batch-normalization {@code stats} block (see above). */
    int BATCH_NORM_STATS_PER_COLUMN = 5;

    /**
     * Batch normalization in training mode (Keras' {@code BatchNormalization(training=True)}): per
     * column {@code j}, the batch mean {@code μ} and biased variance {@code σ² = Σ(x − μ)² / rows}
     * go to {@code stats} with {@code s = 1/√(σ² + epsilon)}, and
     * {@code y = (x − μ) · (s · γ) + β}. {@code gamma} null means γ = 1, {@code beta} null β = 0.
     * The working rows end up holding {@code s · γ} and {@code β}. {@code y} may be {@code x}.
     * Nothing is written when {@code rows} or {@code cols} is 0.
     */
    void batchNormForward(int rows, int cols, float[] x, int xOff, float epsilon, float[] gamma, int gOff,
                          float[] beta, int bOff, float[] stats, int sOff, float[] y, int yOff);

    /**
     * The backward pass of {@link #batchNormForward} from its {@code stats}: with
     * {@code x̂ = (x − μ) · s}, adds {@code Σ dy · x̂} into {@code dGamma} and {@code Σ dy} into
     * {@code dBeta} (either may be null), and writes
     * {@code dx = γ · s · (dy − Σdy / rows − x̂ · Σ(dy · x̂) / rows)} unless {@code dx} is null
     * ({@code gamma} null means γ = 1). Uses the last two rows of {@code stats} as working space
     * and overwrites the variance row (with {@code γ · s}). {@code dx} may be {@code dy}.
     */
    void batchNormBackward(int rows, int cols, float[] x, int xOff, float[] stats, int sOff, float[] gamma, int gOff,
                           float[] dy, int dyOff, float[] dGamma, int dgOff, float[] dBeta, int dbOff,
                           float[] dx, int dxOff);

    /**
     * Batch normalization in inference mode, from the moving statistics: per column,
     * {@code y = (x − mean) · (s · γ) + β} with {@code s = 1/√(variance + epsilon)}
     * ({@code gamma}/{@code beta} null as above). {@code y} may be {@code x}.
     */
    void batchNormInference(int rows, int cols, float[] x, int xOff, float[] mean, int mOff, float[] variance, int vOff,
                            float epsilon, float[] gamma, int gOff, float[] beta, int bOff, float[] y, int yOff);
}
