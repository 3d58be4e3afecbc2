package dev.vectornn.spi;

import java.util.List;
import java.util.Map;

/**
 * An activation function: the element-wise (or, like softmax, row-wise) function a layer applies
 * after its matrix multiply. Activations are found by name with {@link java.util.ServiceLoader},
 * as losses are: {@code new Dense(16, "relu")} looks {@code "relu"} up with {@link #byName}.
 *
 * <h2>Built-in activations</h2>
 * The constants below are the only instances of the built-in activations, so a backend may
 * recognise them by identity ({@code act == Activation.RELU}) and fuse them into its own kernels.
 * Every derivative here can be computed from the activation's <em>output</em> alone, which is why
 * the dense backward kernel takes the saved output rather than the pre-activation: the forward
 * pass keeps one buffer per layer instead of two.
 * <ul>
 *   <li>{@link #LINEAR}: {@code y = z}, {@code y' = 1}</li>
 *   <li>{@link #RELU}: {@code y = max(0, z)}, {@code y' = y > 0 ? 1 : 0}</li>
 *   <li>{@link #SIGMOID}: {@code y = 1 / (1 + e^-z)}, {@code y' = y (1 - y)}</li>
 *   <li>{@link #TANH}: {@code y = tanh z}, {@code y' = 1 - y²}</li>
 *   <li>{@link #SOFTMAX}: {@code y_i = e^(z_i - max z) / Σ_j e^(z_j - max z)} over a row; its
 *       Jacobian-vector product is {@code dz_i = y_i (dy_i - Σ_j dy_j y_j)}</li>
 * </ul>
 * Keras 3's other activations are built in as well (issue #14), with their Keras settings
 * ({@link #configure}: {@code new Dense(64, Activation.byName("elu").configure(Map.of("alpha", 0.5)))}):
 * {@link #LEAKY_RELU} ({@code negative_slope}, default 0.2), {@link #ELU} ({@code alpha}),
 * {@link #SELU}, {@link #GELU} ({@code approximate}), {@link #SILU} (alias {@code swish}),
 * {@link #SOFTPLUS}, {@link #SOFTSIGN}, {@link #HARD_SIGMOID}, {@link #EXPONENTIAL}, and
 * {@link #RELU} itself takes {@code negative_slope}, {@code max_value} and {@code threshold}. A
 * configured built-in is a new instance, so backends recognise built-ins by their
 * {@link #builtinFunction} rather than by identity. GELU and SiLU are not monotonic: their
 * derivatives need the pre-activation input ({@link #derivativeNeedsInput()}), as do a relu with a
 * threshold and the negative-slope or negative-alpha variants.
 *
 * <h2>Writing an activation</h2>
 * Implement {@link #name}, {@link #forward} and {@link #backward} in one class with a public
 * no-argument constructor and list it in {@code META-INF/services/dev.vectornn.spi.Activation}
 * (on the module path: {@code provides dev.vectornn.spi.Activation with ...}). Its own
 * {@code forward} and {@code backward} are then its definition on every backend: a backend runs
 * fused only the activations its {@link Kernels#fusesActivation} names, and the layers call the
 * activation's own methods for every other one. An activation whose derivative needs the
 * pre-activation input says so with {@link #derivativeNeedsInput()}; a configurable one (say, a
 * leaky ReLU's slope) reports its settings in {@link #config()} and rebuilds itself from them in
 * {@link #configure}, which is how it is saved and loaded with a model.
 *
 * <p>Implementations must be immutable and thread-safe, allocate nothing in {@code forward} and
 * {@code backward}, and handle empty blocks ({@code rows} or {@code cols} zero).
 */
public interface Activation {

    /** {@code y = z}. */
    Activation LINEAR = new LinearActivation();
    /** {@code y = max(0, z)}. */
    Activation RELU = new ReluActivation();
    /** {@code y = 1 / (1 + e^-z)}. */
    Activation SIGMOID = new SigmoidActivation();
    /** {@code y = tanh z}. */
    Activation TANH = new TanhActivation();
    /** Softmax over each row, shifted by the row's maximum. */
    Activation SOFTMAX = new SoftmaxActivation();

    // ------------------------------------------------------------------ Keras 3's other activations (issue #14)

    /** {@code y = z ≥ 0 ? z : 0.2 z}, Keras' {@code leaky_relu} default; {@code negative_slope} configures it. */
    Activation LEAKY_RELU = new LeakyReluActivation(LeakyReluActivation.DEFAULT_SLOPE);
    /** {@code y = z > 0 ? z : e^z − 1}, Keras' {@code elu} with {@code alpha = 1}; {@code alpha} configures it. */
    Activation ELU = new EluActivation(1f);
    /** {@code y = scale · elu(z, alpha)} with Keras' fixed SELU constants. */
    Activation SELU = new SeluActivation();
    /** {@code y = z Φ(z)} (exact, Keras' default); {@code approximate = true} gives the tanh form. */
    Activation GELU = new GeluActivation(false);
    /** {@code y = z · sigmoid(z)}; also found as {@code swish}. */
    Activation SILU = new SiluActivation();
    /** {@code y = ln(1 + e^z)}. */
    Activation SOFTPLUS = new SoftplusActivation();
    /** {@code y = z / (1 + |z|)}. */
    Activation SOFTSIGN = new SoftsignActivation();
    /** {@code y = relu6(z + 3) / 6} (Keras 3). */
    Activation HARD_SIGMOID = new HardSigmoidActivation();
    /** {@code y = e^z}. */
    Activation EXPONENTIAL = new ExponentialActivation();

    /** The Keras name, lower case, e.g. {@code "relu"}; the name it is looked up and saved by. */
    String name();

    /** Other names, e.g. {@code "none"} for linear. Case and underscores never matter when looking up. */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * {@code y = act(x)} on a contiguous {@code rows × cols} block. {@code x} and {@code y} may be
     * the same array at the same offset.
     */
    void forward(int rows, int cols, float[] x, int xOff, float[] y, int yOff);

    /**
     * {@code dx = act'(·) ⊙ dy} on a contiguous {@code rows × cols} block (for a row-wise
     * activation, the row's Jacobian-vector product). {@code y} is the saved output; {@code x},
     * the pre-activation input, is given only when {@link #derivativeNeedsInput()} is true and is
     * otherwise {@code null}. {@code dx} may be {@code dy} itself.
     */
    void backward(int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                  float[] dy, int dyOff, float[] dx, int dxOff);

    /**
     * True if {@link #backward} needs the pre-activation input as well as the output (as GELU or
     * swish do); layers then keep a copy of it while training. False for the five classic
     * built-ins; true for {@link #GELU}, {@link #SILU} and the configured variants named above.
     */
    default boolean derivativeNeedsInput() {
        return false;
    }

    /**
     * This activation's settings, saved with the model; empty (the default) for one without any.
     * Values are strings, booleans, numbers (whole numbers may come back from a file as
     * {@code Long} or {@code Integer}), lists or maps of those.
     */
    default Map<String, Object> config() {
        return Map.of();
    }

    /**
     * The activation of this kind with the given settings, as {@link #config()} reported them.
     * The default accepts only an empty config and returns this instance.
     *
     * @throws IllegalArgumentException naming the setting that is unknown or invalid
     */
    default Activation configure(Map<String, Object> config) {
        if (!config.isEmpty()) {
            throw new IllegalArgumentException("Activation '" + name() + "' has no settings, got " + config.keySet());
        }
        return this;
    }

    /**
     * The five classic built-in activations, {@link #LINEAR} to {@link #SOFTMAX} (always the same
     * list); {@link #allBuiltins()} has Keras 3's others too.
     */
    static List<Activation> builtins() {
        return BuiltinActivations.ALL;
    }

    /**
     * Every built-in activation in its default settings: the five above, then Keras 3's others
     * ({@link #LEAKY_RELU} ... {@link #EXPONENTIAL}, in the order of the constants); always the same list.
     */
    static List<Activation> allBuiltins() {
        return BuiltinActivations.EVERY;
    }

    /** True if {@code act} is a built-in activation, in any settings (one {@link #configure} made too). */
    static boolean isBuiltin(Activation act) {
        return act instanceof BuiltinActivationBase;
    }

    /**
     * What the built-in {@code act} computes, with its settings, or {@code null} for a plugin
     * activation: what a backend reads to fuse it. Allocates nothing.
     */
    static BuiltinFunction builtinFunction(Activation act) {
        return act instanceof BuiltinActivationBase b ? b.function() : null;
    }

    /**
     * Looks an activation up by name ({@code "relu"}, {@code "sigmoid"}, {@code "gelu"} ... any
     * built-in in its default settings, or one a plugin provides); {@code null} or
     * {@code "none"} mean linear.
     *
     * @throws IllegalArgumentException naming the known activations if {@code name} is none of them
     */
    static Activation byName(String name) {
        if (name == null) {
            return LINEAR;
        }
        if (!ActivationRegistry.REGISTRY.contains(name.strip())) {
            throw new IllegalArgumentException("Unknown activation '" + name + "'. Known activations: "
                    + String.join(", ", ActivationRegistry.REGISTRY.names()));
        }
        return ActivationRegistry.REGISTRY.get(name.strip());
    }

    /**
     * The activation a layer's config names: a name ({@code "relu"}), or for a configured one a
     * map {@code {"name": "leaky_relu", "config": {...}}} as {@link #toConfig} writes it.
     *
     * @throws IllegalArgumentException if the value is neither, or names an unknown activation
     */
    static Activation fromConfig(Object value) {
        if (value == null || value instanceof String) {
            return byName((String) value);
        }
        if (value instanceof Map<?, ?> map && map.get("name") instanceof String name) {
            Object settings = map.get("config");
            if (settings != null && !(settings instanceof Map)) {
                throw new IllegalArgumentException("Activation '" + name + "': 'config' must be a map, got " + settings);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = settings == null ? Map.of() : (Map<String, Object>) settings;
            return byName(name).configure(typed);
        }
        throw new IllegalArgumentException("An activation must be a name or {\"name\": ..., \"config\": {...}}, got "
                + value);
    }

    /** What a layer's config stores for {@code act}: its name, or name and settings if it has any. */
    static Object toConfig(Activation act) {
        Map<String, Object> settings = act.config();
        return settings.isEmpty() ? act.name() : Map.of("name", act.name(), "config", settings);
    }
}
