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
    private final Regularizer kernelRegularizer; // null: none
    private final Regularizer biasRegularizer;   // null: none
    private final Regularizer activityRegularizer; // null: none
    private final Constraint kernelConstraint;   // null: none

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
        this(units, activation, -1, Initializer.GLOROT_UNIFORM, true, null, null, null, null);
    }

    private Dense(int units, Activation activation, int inputDim, Initializer init, boolean useBias,
                  Regularizer kernelRegularizer, Regularizer biasRegularizer, Regularizer activityRegularizer,
                  Constraint kernelConstraint) {
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
        this.kernelRegularizer = kernelRegularizer;
        this.biasRegularizer = biasRegularizer;
        this.activityRegularizer = activityRegularizer;
        this.kernelConstraint = kernelConstraint;
    }

    /** A copy that declares the model's input width (Keras' {@code input_dim}); use on the first layer. */
    public Dense inputDim(int inputDim) {
        if (inputDim <= 0) {
            throw new IllegalArgumentException("Dense inputDim must be positive, got " + inputDim);
        }
        return new Dense(units, activation, inputDim, kernelInitializer, useBias, kernelRegularizer, biasRegularizer,
                activityRegularizer, kernelConstraint);
    }

    /** A copy with another activation. */
    public Dense activation(String activation) {
        return new Dense(units, Activation.byName(activation), inputDim, kernelInitializer, useBias, kernelRegularizer,
                biasRegularizer, activityRegularizer, kernelConstraint);
    }

    /** A copy with another activation, e.g. a configured one: {@code Activation.byName("elu").configure(...)}. */
    public Dense activation(Activation activation) {
        return new Dense(units, activation, inputDim, kernelInitializer, useBias, kernelRegularizer,
                biasRegularizer, activityRegularizer, kernelConstraint);
    }

    /**
     * A copy whose kernel is initialised by the named scheme: {@code glorot_uniform} (default),
     * {@code glorot_normal}, {@code he_uniform}, {@code he_normal}, {@code zeros}.
     */
    public Dense kernelInitializer(String name) {
        return new Dense(units, activation, inputDim, Initializer.byName(name), useBias, kernelRegularizer,
                biasRegularizer, activityRegularizer, kernelConstraint);
    }

    /** A copy with or without a bias. */
    public Dense useBias(boolean useBias) {
        return new Dense(units, activation, inputDim, kernelInitializer, useBias, kernelRegularizer, biasRegularizer,
                activityRegularizer, kernelConstraint);
    }

    /**
     * A copy whose kernel adds a penalty to the loss (Keras' {@code kernel_regularizer}); null for none.
     * See {@link Regularizer}.
     */
    public Dense kernelRegularizer(Regularizer regularizer) {
        return new Dense(units, activation, inputDim, kernelInitializer, useBias, regularizer, biasRegularizer,
                activityRegularizer, kernelConstraint);
    }

    /** {@link #kernelRegularizer(Regularizer)} by Keras name ({@code "l1"}, {@code "l2"}, {@code "l1_l2"}) with its defaults. */
    public Dense kernelRegularizer(String name) {
        return kernelRegularizer(Regularizer.byName(name));
    }

    /** A copy whose bias adds a penalty to the loss (Keras' {@code bias_regularizer}); null for none. */
    public Dense biasRegularizer(Regularizer regularizer) {
        return new Dense(units, activation, inputDim, kernelInitializer, useBias, kernelRegularizer, regularizer,
                activityRegularizer, kernelConstraint);
    }

    /** {@link #biasRegularizer(Regularizer)} by Keras name with its defaults. */
    public Dense biasRegularizer(String name) {
        return biasRegularizer(Regularizer.byName(name));
    }

    /**
     * A copy that adds a penalty on the layer's output, after the activation, to the loss (Keras'
     * {@code activity_regularizer}); null for none. See {@link Regularizer}.
     *
     * <p>As in Keras 3 (its {@code Layer.__call__} since keras-team/keras pull request #22021, and
     * tf.keras 2 before it), the penalty of a batch is divided by the batch's row count before it
     * joins the mean loss: {@code loss = mean(lossᵢ) + R(y) / rows}, and its gradient
     * {@code R'(y) / rows} joins the gradient arriving at the output. Sample and class weights do not
     * scale it, as in Keras. (Keras 3 releases before that change added {@code R(y)} undivided.)
     * PyTorch has no activity regularizer. Because the penalty needs the gradient with respect to
     * the layer's output, a last layer with one is never fused with the loss (softmax and
     * cross-entropy then go through the softmax Jacobian).
     */
    public Dense activityRegularizer(Regularizer regularizer) {
        return new Dense(units, activation, inputDim, kernelInitializer, useBias, kernelRegularizer, biasRegularizer,
                regularizer, kernelConstraint);
    }

    /** {@link #activityRegularizer(Regularizer)} by Keras name with its defaults. */
    public Dense activityRegularizer(String name) {
        return activityRegularizer(Regularizer.byName(name));
    }

    /**
     * A copy whose kernel is constrained after every optimizer update (Keras' {@code kernel_constraint});
     * null for none. See {@link Constraint}.
     */
    public Dense kernelConstraint(Constraint constraint) {
        return new Dense(units, activation, inputDim, kernelInitializer, useBias, kernelRegularizer, biasRegularizer,
                activityRegularizer, constraint);
    }

    /** {@link #kernelConstraint(Constraint)} by Keras name ({@code "max_norm"}, {@code "non_neg"}, {@code "unit_norm"}). */
    public Dense kernelConstraint(String name) {
        return kernelConstraint(Constraint.byName(name));
    }

    /** The kernel's regularizer, or null. */
    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    /** The bias's regularizer, or null. */
    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    /** The output's regularizer, or null. */
    @Override
    public Regularizer activityRegularizer() {
        return activityRegularizer;
    }

    /** The kernel's constraint, or null. */
    public Constraint kernelConstraint() {
        return kernelConstraint;
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
        // Only when set, so that the configs of plain dense layers stay as they were.
        if (kernelRegularizer != null) {
            c.put("kernel_regularizer", kernelRegularizer.toConfig());
        }
        if (biasRegularizer != null) {
            c.put("bias_regularizer", biasRegularizer.toConfig());
        }
        if (activityRegularizer != null) {
            c.put("activity_regularizer", activityRegularizer.toConfig());
        }
        if (kernelConstraint != null) {
            c.put("kernel_constraint", kernelConstraint.toConfig());
        }
        return c;
    }

    /**
     * Rebuilds a Dense layer from {@link #config()}: {@code units} is required; {@code activation}
     * (default linear), {@code input_dim}, {@code kernel_initializer} (default glorot_uniform) and
     * {@code use_bias} (default true), {@code kernel_regularizer}, {@code bias_regularizer},
     * {@code activity_regularizer} and {@code kernel_constraint} (default none) are optional here, and any other key is an error.
     */
    static Dense fromConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("Dense config", config)
                .checkKeys("units", "activation", "input_dim", "kernel_initializer", "use_bias", "kernel_regularizer",
                        "bias_regularizer", "activity_regularizer", "kernel_constraint");
        Dense d = new Dense(c.getInt("units", 1, Integer.MAX_VALUE), activation(c, config.get("activation")));
        if (c.has("input_dim")) {
            d = d.inputDim(c.getInt("input_dim", 1, Integer.MAX_VALUE));
        }
        d = d.kernelInitializer(c.getString("kernel_initializer", Initializer.GLOROT_UNIFORM.kerasName()))
                .useBias(c.getBoolean("use_bias", true));
        if (c.has("kernel_regularizer")) {
            d = d.kernelRegularizer(Regularizer.fromConfig("Dense kernel_regularizer", config.get("kernel_regularizer")));
        }
        if (c.has("bias_regularizer")) {
            d = d.biasRegularizer(Regularizer.fromConfig("Dense bias_regularizer", config.get("bias_regularizer")));
        }
        if (c.has("activity_regularizer")) {
            d = d.activityRegularizer(Regularizer.fromConfig("Dense activity_regularizer",
                    config.get("activity_regularizer")));
        }
        if (c.has("kernel_constraint")) {
            d = d.kernelConstraint(Constraint.fromConfig("Dense kernel_constraint", config.get("kernel_constraint")));
        }
        return d;
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
    public double regularize(int inputWidth, float[] params, int pOff, float[] grads, float scale) {
        double penalty = 0;
        if (kernelRegularizer != null) {
            penalty += kernelRegularizer.apply(inputWidth * units, params, pOff, grads, scale);
        }
        if (biasRegularizer != null && useBias) {
            penalty += biasRegularizer.apply(units, params, pOff + inputWidth * units, grads, scale);
        }
        return penalty;
    }

    @Override
    public void constrain(int inputWidth, float[] params, int pOff) {
        if (kernelConstraint != null) {
            kernelConstraint.apply(inputWidth, units, params, pOff);
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
        // Settings show (summary): Dense(8, relu{max_value=6.0}, kernel_regularizer=...).
        return "Dense(" + units + (activation == Activation.LINEAR ? "" : ", " + activation.name()
                + (activation.config().isEmpty() ? "" : activation.config()))
                + (kernelRegularizer == null ? "" : ", kernel_regularizer=" + kernelRegularizer)
                + (biasRegularizer == null ? "" : ", bias_regularizer=" + biasRegularizer)
                + (activityRegularizer == null ? "" : ", activity_regularizer=" + activityRegularizer)
                + (kernelConstraint == null ? "" : ", kernel_constraint=" + kernelConstraint) + ")";
    }
}
