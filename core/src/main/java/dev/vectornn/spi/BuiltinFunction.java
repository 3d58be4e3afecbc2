package dev.vectornn.spi;

/**
 * What a built-in activation computes: which function, and its settings. A backend that fuses
 * activations into its own kernels reads it with {@link Activation#builtinFunction} instead of
 * comparing instances, because a configured built-in ({@code relu} with {@code max_value = 6}, an
 * {@code elu} with another {@code alpha}) is a new instance. Every built-in activation holds one
 * immutable {@code BuiltinFunction}, so reading it allocates nothing; plugin activations have none.
 *
 * <p>The settings that a kind does not use read as their defaults ({@link #negativeSlope()} 0,
 * {@link #maxValue()} +∞, {@link #threshold()} 0, {@link #alpha()} 1, {@link #approximate()} false).
 */
public final class BuiltinFunction {

    /** The built-in functions; see each activation's javadoc in {@link Activation} for its formula. */
    public enum Kind {
        /** {@code y = z}. */
        LINEAR,
        /** {@code relu} with Keras' {@code negative_slope}, {@code max_value} and {@code threshold}. */
        RELU,
        /** {@code 1 / (1 + e^-z)}. */
        SIGMOID,
        /** {@code tanh z}. */
        TANH,
        /** Softmax over a row. */
        SOFTMAX,
        /** {@code z ≥ 0 ? z : negative_slope · z}. */
        LEAKY_RELU,
        /** {@code z > 0 ? z : alpha (e^z − 1)}. */
        ELU,
        /** {@code scale · elu(z, alpha)} with SELU's fixed constants. */
        SELU,
        /** {@code z Φ(z)}; with {@link #approximate()} its tanh form. */
        GELU,
        /** {@code z · sigmoid(z)} (Keras' {@code silu}, alias {@code swish}). */
        SILU,
        /** {@code ln(1 + e^z)}. */
        SOFTPLUS,
        /** {@code z / (1 + |z|)}. */
        SOFTSIGN,
        /** {@code relu6(z + 3) / 6}. */
        HARD_SIGMOID,
        /** {@code e^z}. */
        EXPONENTIAL
    }

    /** SELU's {@code alpha}, as Keras has it: 1.6732632423543772848170429916717. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's {@code scale}, as Keras has it: 1.0507009873554804934193349852946. */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private final Kind kind;
    private final float negativeSlope;
    private final float maxValue;
    private final float threshold;
    private final float alpha;
    private final boolean approximate;

    BuiltinFunction(Kind kind, float negativeSlope, float maxValue, float threshold, float alpha, boolean approximate) {
        this.kind = kind;
        this.negativeSlope = negativeSlope;
        this.maxValue = maxValue;
        this.threshold = threshold;
        this.alpha = alpha;
        this.approximate = approximate;
    }

    /** A function without settings. */
    static BuiltinFunction of(Kind kind) {
        return new BuiltinFunction(kind, 0f, Float.POSITIVE_INFINITY, 0f, 1f, false);
    }

    /** Which function. */
    public Kind kind() {
        return kind;
    }

    /** {@code relu}'s and {@code leaky_relu}'s slope below the threshold. */
    public float negativeSlope() {
        return negativeSlope;
    }

    /** {@code relu}'s upper bound, {@code +∞} for none. */
    public float maxValue() {
        return maxValue;
    }

    /** {@code relu}'s threshold: inputs at or below it are not passed through. */
    public float threshold() {
        return threshold;
    }

    /** {@code elu}'s scale of the negative part. */
    public float alpha() {
        return alpha;
    }

    /** {@code gelu}: true for the tanh approximation. */
    public boolean approximate() {
        return approximate;
    }

    @Override
    public String toString() {
        return kind + "(negativeSlope=" + negativeSlope + ", maxValue=" + maxValue + ", threshold=" + threshold
                + ", alpha=" + alpha + ", approximate=" + approximate + ")";
    }
}
