package dev.vectornn.layers;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.ConfigMap;
import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer, {@code y = activation(x · W + b)}, as Keras' {@code Dense}.
 *
 * <pre>{@code
 * new Dense(16, "relu").inputDim(4)   // Keras: Dense(16, input_dim=4, activation='relu')
 * new Dense(3, "softmax")             // Keras: Dense(3, activation='softmax')
 * }</pre>
 *
 * <p>The kernel {@code W} has Keras' shape {@code [in, units]}; the bias has {@code [units]}.
 * Kernels are initialised Glorot-uniform by default ({@link #kernelInitializer(String)} picks
 * another), biases with zeros. Instances are immutable: the fluent methods return copies.
 */
public final class Dense extends Layer {

    private final int units;
    private final Activation activation;
    private final int inputDim;
    private final Initializer kernelInitializer;
    private final boolean useBias;

    /** A linear dense layer of {@code units} outputs. */
    public Dense(int units) {
        this(units, Activation.LINEAR);
    }

    /** A dense layer with an activation given by Keras name ({@code "relu"}, {@code "softmax"} ...). */
    public Dense(int units, String activation) {
        this(units, Activation.byName(activation));
    }

    /** A dense layer with the given activation. */
    public Dense(int units, Activation activation) {
        this(units, activation, -1, Initializer.GLOROT_UNIFORM, true);
    }

    private Dense(int units, Activation activation, int inputDim, Initializer init, boolean useBias) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense units must be positive, got " + units);
        }
        if (inputDim == 0 || inputDim < -1) {
            throw new IllegalArgumentException("Dense inputDim must be positive, got " + inputDim);
        }
        this.units = units;
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
        this.inputDim = inputDim;
        this.kernelInitializer = init;
        this.useBias = useBias;
    }

    /** A copy that declares the model's input width (Keras' {@code input_dim}); use on the first layer. */
    public Dense inputDim(int inputDim) {
        if (inputDim <= 0) {
            throw new IllegalArgumentException("Dense inputDim must be positive, got " + inputDim);
        }
        return new Dense(units, activation, inputDim, kernelInitializer, useBias);
    }

    /** A copy with another activation. */
    public Dense activation(String activation) {
        return new Dense(units, Activation.byName(activation), inputDim, kernelInitializer, useBias);
    }

    /** A copy with another activation, e.g. a configured one: {@code Activation.byName("elu").configure(...)}. */
    public Dense activation(Activation activation) {
        return new Dense(units, activation, inputDim, kernelInitializer, useBias);
    }

    /**
     * A copy whose kernel is initialised by the named scheme: {@code glorot_uniform} (default),
     * {@code glorot_normal}, {@code he_uniform}, {@code he_normal}, {@code zeros}.
     */
    public Dense kernelInitializer(String name) {
        return new Dense(units, activation, inputDim, Initializer.byName(name), useBias);
    }

    /** A copy with or without a bias. */
    public Dense useBias(boolean useBias) {
        return new Dense(units, activation, inputDim, kernelInitializer, useBias);
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public String typeName() {
        return "dense";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("units", units);
        c.put("activation", Activation.toConfig(activation));
        if (inputDim > 0) {
            c.put("input_dim", inputDim);
        }
        c.put("kernel_initializer", kernelInitializer.kerasName());
        c.put("use_bias", useBias);
        return c;
    }

    /**
     * Rebuilds a Dense layer from {@link #config()}: {@code units} is required; {@code activation}
     * (default linear), {@code input_dim}, {@code kernel_initializer} (default glorot_uniform) and
     * {@code use_bias} (default true) are optional here, and any other key is an error.
     */
    static Dense fromConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("Dense config", config)
                .checkKeys("units", "activation", "input_dim", "kernel_initializer", "use_bias");
        Dense d = new Dense(c.getInt("units", 1, Integer.MAX_VALUE), activation(c, config.get("activation")));
        if (c.has("input_dim")) {
            d = d.inputDim(c.getInt("input_dim", 1, Integer.MAX_VALUE));
        }
        return d.kernelInitializer(c.getString("kernel_initializer", Initializer.GLOROT_UNIFORM.kerasName()))
                .useBias(c.getBoolean("use_bias", true));
    }

    /** A name (checked as a string, so a wrong type is named), or a configured activation's map. */
    private static Activation activation(ConfigMap c, Object value) {
        return Activation.fromConfig(value instanceof Map ? value : c.getString("activation", "linear"));
    }

    @Override
    public int declaredInputWidth() {
        return inputDim;
    }

    @Override
    public int outputWidth(int inputWidth) {
        return units;
    }

    @Override
    public List<ParameterSpec> parameters(int inputWidth) {
        return useBias
                ? List.of(new ParameterSpec("kernel", inputWidth, units), new ParameterSpec("bias", units))
                : List.of(new ParameterSpec("kernel", inputWidth, units));
    }

    @Override
    public void initialize(int inputWidth, float[] params, int pOff, RandomGenerator random) {
        kernelInitializer.fill(params, pOff, inputWidth, units, random);
        if (useBias) {
            java.util.Arrays.fill(params, pOff + inputWidth * units, pOff + inputWidth * units + units, 0f);
        }
    }

    @Override
    public Activation outputActivation() {
        return activation;
    }

    /** Room to keep the pre-activation while training, for an activation whose derivative needs it. */
    @Override
    public int scratchWidth(int inputWidth) {
        return activation.derivativeNeedsInput() ? units : 0;
    }

    /**
     * Runs the activation fused in the dense kernel when the backend says it can
     * ({@link Kernels#fusesActivation}); otherwise the kernel computes {@code x · W + b} and the
     * activation's own {@link Activation#forward} finishes the job.
     */
    @Override
    public void forward(LayerCall c) {
        int in = c.inputWidth();
        int pOff = c.paramOffset();
        int rows = c.rows();
        float[] params = c.params();
        float[] y = c.output();
        Kernels k = c.kernels();
        boolean fused = k.fusesActivation(activation);
        k.denseForward(rows, in, units, c.input(), 0, in, params, pOff,
                useBias ? params : null, pOff + in * units, fused ? activation : Activation.LINEAR, y, 0, units);
        if (!fused) {
            // Keep z for backward wherever a backward may follow: the scratch has room only in a
            // workspace that trains or computes gradients.
            float[] scratch = c.scratch();
            if (activation.derivativeNeedsInput() && scratch.length >= rows * units) {
                System.arraycopy(y, 0, scratch, 0, rows * units);
            }
            k.activationForward(activation, rows, units, y, 0, y, 0);
        }
    }

    @Override
    public void backward(LayerCall c) {
        int in = c.inputWidth();
        int pOff = c.paramOffset();
        int rows = c.rows();
        float[] grads = c.gradients();
        float[] dy = c.outputGradient();
        Kernels k = c.kernels();
        Activation act = c.outputGradientIsPreActivation() ? Activation.LINEAR : activation;
        if (!k.fusesActivation(act)) {
            // dZ = act'(·) ⊙ dY by the activation itself, then the kernel's linear backward.
            if (act.derivativeNeedsInput()) {
                k.activationBackwardFromInput(act, rows, units, c.scratch(), 0, c.output(), 0, dy, 0, dy, 0);
            } else {
                k.activationBackward(act, rows, units, c.output(), 0, dy, 0, dy, 0);
            }
            act = Activation.LINEAR;
        }
        k.denseBackward(rows, in, units, c.input(), 0, in, c.params(), pOff, c.output(), 0, units, act,
                dy, 0, units, grads, pOff, useBias ? grads : null, pOff + in * units,
                c.inputGradient(), 0, in);
    }

    @Override
    public String toString() {
        // Settings show (summary): Dense(8, relu{max_value=6.0}).
        return "Dense(" + units + (activation == Activation.LINEAR ? "" : ", " + activation.name()
                + (activation.config().isEmpty() ? "" : activation.config())) + ")";
    }
}
