package dev.vectornn.layers;

import dev.vectornn.spi.Activation;
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

    /** Rebuilds a Dense layer from {@link #config()}. */
    static Dense fromConfig(Map<String, Object> config) {
        if (config == null) {
            throw new IllegalArgumentException("Dense config is null");
        }
        Object units = config.get("units");
        if (!(units instanceof Number n)) {
            throw new IllegalArgumentException("Dense config needs a numeric 'units', got " + config);
        }
        Object activation = config.get("activation");
        if (activation != null && !(activation instanceof String) && !(activation instanceof Map)) {
            throw new IllegalArgumentException("Dense config 'activation' must be a String, got " + activation + " ("
                    + activation.getClass().getSimpleName() + "); a configured activation is a map"
                    + " {\"name\": ..., \"config\": {...}}");
        }
        Dense d = new Dense(wholeNumber("units", n), Activation.fromConfig(activation));
        if (config.get("input_dim") != null) {
            d = d.inputDim(wholeNumber("input_dim", optional(config, "input_dim", Number.class)));
        }
        if (config.get("kernel_initializer") != null) {
            d = d.kernelInitializer(optional(config, "kernel_initializer", String.class));
        }
        if (config.get("use_bias") != null) {
            d = d.useBias(optional(config, "use_bias", Boolean.class));
        }
        return d;
    }

    /** {@code config.get(key)} if it is absent or of {@code type}; else an error that names the key and the value. */
    private static <T> T optional(Map<String, Object> config, String key, Class<T> type) {
        Object v = config.get(key);
        if (v != null && !type.isInstance(v)) {
            throw new IllegalArgumentException("Dense config '" + key + "' must be a " + type.getSimpleName() + ", got "
                    + v + " (" + v.getClass().getSimpleName() + ")");
        }
        return type.cast(v);
    }

    private static int wholeNumber(String key, Number n) {
        double d = n.doubleValue();
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Dense config '" + key + "' must be a whole number that fits an int, got " + n);
        }
        return n.intValue();
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
    public void forward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                        float[] y, int yOff, RandomGenerator training, float[] scratch, int sOff) {
        boolean fused = k.fusesActivation(activation);
        k.denseForward(batch, in, units, x, xOff, in, params, pOff,
                useBias ? params : null, pOff + in * units, fused ? activation : Activation.LINEAR, y, yOff, units);
        if (!fused) {
            // Keep z for backward wherever a backward may follow: the scratch exists (has room)
            // only in a workspace that trains or computes gradients, with or without a random source.
            if (activation.derivativeNeedsInput() && scratch != null && scratch.length >= sOff + batch * units) {
                System.arraycopy(y, yOff, scratch, sOff, batch * units);
            }
            activation.forward(batch, units, y, yOff, y, yOff);
        }
    }

    @Override
    public void backward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                         float[] y, int yOff, float[] dy, int dyOff, boolean dyIsPreActivation,
                         float[] grads, int gOff, float[] dx, int dxOff, float[] scratch, int sOff) {
        Activation act = dyIsPreActivation ? Activation.LINEAR : activation;
        if (!k.fusesActivation(act)) {
            // dZ = act'(·) ⊙ dY by the activation itself, then the kernel's linear backward.
            act.backward(batch, units, act.derivativeNeedsInput() ? scratch : null, sOff, y, yOff, dy, dyOff, dy, dyOff);
            act = Activation.LINEAR;
        }
        k.denseBackward(batch, in, units, x, xOff, in, params, pOff, y, yOff, units, act,
                dy, dyOff, units, grads, gOff, useBias ? grads : null, gOff + in * units, dx, dxOff, in);
    }

    @Override
    public String toString() {
        return "Dense(" + units + (activation == Activation.LINEAR ? "" : ", " + activation.name()) + ")";
    }
}
