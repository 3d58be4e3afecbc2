package dev.vectornn.layers;

import dev.vectornn.spi.ConfigMap;
import dev.vectornn.spi.Kernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

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
public final class BatchNormalization extends Layer {

    private final float momentum;
    private final float epsilon;
    private final boolean center;
    private final boolean scale;

    /** Keras' defaults: momentum 0.99, epsilon 1e-3, center and scale on. */
    public BatchNormalization() {
        this(0.99, 1e-3, true, true);
    }

    /**
     * @throws IllegalArgumentException if {@code momentum} is not in [0, 1] or {@code epsilon} is not
     *                                  positive and finite (as floats)
     */
    public BatchNormalization(double momentum, double epsilon, boolean center, boolean scale) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1], got " + momentum);
        }
        if (!((float) epsilon > 0 && (float) epsilon < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("BatchNormalization epsilon must be positive and finite as a float, got "
                    + epsilon);
        }
        this.momentum = (float) momentum;
        this.epsilon = (float) epsilon;
        this.center = center;
        this.scale = scale;
    }

    static BatchNormalization fromConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("BatchNormalization config", config).checkKeys("momentum", "epsilon", "center", "scale");
        return new BatchNormalization(c.getDouble("momentum", 0.99, 0, 1), c.getDouble("epsilon", 1e-3, Double.MIN_VALUE,
                Double.MAX_VALUE), c.getBoolean("center", true), c.getBoolean("scale", true));
    }

    public float momentum() {
        return momentum;
    }

    public float epsilon() {
        return epsilon;
    }

    @Override
    public String typeName() {
        return "batch_normalization";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("momentum", (double) momentum);
        c.put("epsilon", (double) epsilon);
        c.put("center", center);
        c.put("scale", scale);
        return c;
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    /** Keras' order: {@code gamma} (if scale), then {@code beta} (if center). */
    @Override
    public List<ParameterSpec> parameters(int inputWidth) {
        List<ParameterSpec> p = new ArrayList<>();
        if (scale) {
            p.add(new ParameterSpec("gamma", inputWidth));
        }
        if (center) {
            p.add(new ParameterSpec("beta", inputWidth));
        }
        return p;
    }

    @Override
    public void initialize(int inputWidth, float[] params, int pOff, RandomGenerator random) {
        if (scale) {
            java.util.Arrays.fill(params, pOff, pOff + inputWidth, 1f);
        }
        if (center) {
            int b = pOff + (scale ? inputWidth : 0);
            java.util.Arrays.fill(params, b, b + inputWidth, 0f);
        }
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
        int beta = gamma + (scale ? cols : 0);
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
        int beta = gamma + (scale ? cols : 0);
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
