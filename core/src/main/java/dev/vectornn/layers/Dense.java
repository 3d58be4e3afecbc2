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
        c.put("activation", activation.kerasName());
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
        Dense d = new Dense(c.getInt("units", 1, Integer.MAX_VALUE), Activation.byName(c.getString("activation", "linear")));
        if (c.has("input_dim")) {
            d = d.inputDim(c.getInt("input_dim", 1, Integer.MAX_VALUE));
        }
        return d.kernelInitializer(c.getString("kernel_initializer", Initializer.GLOROT_UNIFORM.kerasName()))
                .useBias(c.getBoolean("use_bias", true));
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

    @Override
    public void forward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                        float[] y, int yOff, RandomGenerator training, float[] scratch, int sOff) {
        k.denseForward(batch, in, units, x, xOff, in, params, pOff,
                useBias ? params : null, pOff + in * units, activation, y, yOff, units);
    }

    @Override
    public void backward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                         float[] y, int yOff, float[] dy, int dyOff, boolean dyIsPreActivation,
                         float[] grads, int gOff, float[] dx, int dxOff, float[] scratch, int sOff) {
        k.denseBackward(batch, in, units, x, xOff, in, params, pOff, y, yOff, units,
                dyIsPreActivation ? Activation.LINEAR : activation,
                dy, dyOff, units, grads, gOff, useBias ? grads : null, gOff + in * units, dx, dxOff, in);
    }

    @Override
    public String toString() {
        return "Dense(" + units + (activation == Activation.LINEAR ? "" : ", " + activation.kerasName()) + ")";
    }
}
