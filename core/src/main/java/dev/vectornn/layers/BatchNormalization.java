package dev.vectornn.layers;

import dev.vectornn.spi.ConfigMap;
import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalization over the features of a batch, as Keras' {@code BatchNormalization()}
 * ({@code axis=-1}).
 *
 * <p>While training, each feature is normalized with the batch's own mean {@code μ} and biased
 * variance {@code σ²}: {@code y = γ · (x − μ) / √(σ² + ε) + β}, and the moving statistics follow
 * {@code moving = moving · momentum + batch · (1 − momentum)}. In inference ({@code predict},
 * {@code evaluate}) the moving statistics take the batch's place. Defaults are Keras 3's:
 * {@code momentum} 0.99, {@code epsilon} 1e-3, {@code center} (learn β) and {@code scale} (learn γ)
 * on; γ starts at 1, β at 0, the moving mean at 0 and the moving variance at 1.
 *
 * <p><b>Keras and PyTorch differ</b>; this follows Keras: PyTorch's {@code BatchNorm1d} names the
 * other weight {@code momentum} ({@code 0.1} there is {@code 0.9} here), uses {@code eps} 1e-5 by
 * default, and updates its running variance with the unbiased batch variance
 * ({@code σ² · n / (n − 1)}); Keras (and vectornn) use the biased one for both.
 *
 * <p>γ and β are trainable parameters; the moving mean and variance are
 * {@linkplain Layer#nonTrainableParameters non-trainable}: saved with the model, restored by a
 * failed step, never seen by the optimizer. The batch statistics go through the backend's fused
 * {@link Kernels#batchNormForward} and {@link Kernels#batchNormBackward}. A distributed (Spark)
 * step computes gradients in inference mode, so there the moving statistics are used and not updated.
 *
 * <pre>{@code
 * model.add(new Dense(64).inputDim(30));
 * model.add(new BatchNormalization());              // Keras: BatchNormalization()
 * model.add(new ActivationLayer(Activation.RELU));
 * }</pre>
 */
public final class BatchNormalization extends AffineNormalization {

    private final float momentum;

    /** Keras' defaults: momentum 0.99, epsilon 1e-3, center and scale on. */
    public BatchNormalization() {
        this(0.99, 1e-3, true, true);
    }

    /**
     * @throws IllegalArgumentException if {@code momentum} is not in [0, 1] or {@code epsilon} is not
     *                                  positive and finite (as floats)
     */
    public BatchNormalization(double momentum, double epsilon, boolean center, boolean scale) {
        super("BatchNormalization", epsilon, center, scale);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1], got " + momentum);
        }
        this.momentum = (float) momentum;
    }

    static BatchNormalization fromConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("BatchNormalization config", config).checkKeys("momentum", "epsilon", "center", "scale");
        return new BatchNormalization(c.getDouble("momentum", 0.99, 0, 1), c.getDouble("epsilon", 1e-3, Double.MIN_VALUE,
                Double.MAX_VALUE), c.getBoolean("center", true), c.getBoolean("scale", true));
    }

    public float momentum() {
        return momentum;
    }

    @Override
    public String typeName() {
        return "batch_normalization";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("momentum", (double) momentum);
        putSettings(c);
        return c;
    }

    @Override
    public List<ParameterSpec> nonTrainableParameters(int inputWidth) {
        return List.of(new ParameterSpec("moving_mean", inputWidth), new ParameterSpec("moving_variance", inputWidth));
    }

    @Override
    public void initializeNonTrainable(int inputWidth, float[] params, int off) {
        java.util.Arrays.fill(params, off, off + inputWidth, 0f);
        java.util.Arrays.fill(params, off + inputWidth, off + 2 * inputWidth, 1f);
    }

    /** The batch statistics of the last training forward pass, for the backward one. */
    @Override
    public int scratchWidth(int inputWidth) {
        return Math.multiplyExact(Kernels.BATCH_NORM_STATS_PER_COLUMN, inputWidth);
    }

    @Override
    public void forward(LayerCall c) {
        int cols = c.inputWidth();
        int rows = c.rows();
        float[] p = c.params();
        int gamma = c.paramOffset();
        int beta = betaOffset(gamma, cols);
        int moving = c.nonTrainableOffset();
        Kernels k = c.kernels();
        if (c.training() == null) {
            k.batchNormInference(rows, cols, c.input(), 0, p, moving, p, moving + cols, epsilon,
                    scale ? p : null, gamma, center ? p : null, beta, c.output(), 0);
            return;
        }
        float[] stats = c.scratch();
        k.batchNormForward(rows, cols, c.input(), 0, epsilon, scale ? p : null, gamma, center ? p : null, beta,
                stats, 0, c.output(), 0);
        if (rows == 0) {
            return;
        }
        float keep = momentum;
        float take = 1f - momentum;
        for (int j = 0; j < cols; j++) {
            p[moving + j] = p[moving + j] * keep + stats[j] * take;
            p[moving + cols + j] = p[moving + cols + j] * keep + stats[cols + j] * take;
        }
    }

    @Override
    public void backward(LayerCall c) {
        int cols = c.inputWidth();
        int rows = c.rows();
        float[] p = c.params();
        float[] g = c.gradients();
        int gamma = c.paramOffset();
        int beta = betaOffset(gamma, cols);
        if (c.training() != null) {
            c.kernels().batchNormBackward(rows, cols, c.input(), 0, c.scratch(), 0, scale ? p : null, gamma,
                    c.outputGradient(), 0, scale ? g : null, gamma, center ? g : null, beta, c.inputGradient(), 0);
            return;
        }
        // After an inference-mode forward (Sequential.gradient), the layer is a fixed affine map.
        int moving = c.nonTrainableOffset();
        float[] x = c.input();
        float[] dy = c.outputGradient();
        float[] dx = c.inputGradient();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                float s = 1f / (float) Math.sqrt(p[moving + cols + j] + epsilon);
                if (scale) {
                    g[gamma + j] += dy[i] * (x[i] - p[moving + j]) * s;
                }
                if (center) {
                    g[beta + j] += dy[i];
                }
                if (dx != null) {
                    dx[i] = dy[i] * s * (scale ? p[gamma + j] : 1f);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "BatchNormalization(momentum=" + momentum + ", epsilon=" + epsilon + ")";
    }
}
