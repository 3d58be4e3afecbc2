package dev.vectornn.spi;

/**
 * Keras' {@code selu}: {@code y = scale · (z > 0 ? z : alpha (e^z − 1))} with Keras' (Klambauer et
 * al.'s) constants {@code alpha ≈ 1.6733}, {@code scale ≈ 1.0507}; {@code y' = scale} above zero
 * and {@code scale · alpha · e^z = y + scale · alpha} below, from the output. Only instance:
 * {@link Activation#SELU}.
 */
final class SeluActivation extends ElementwiseActivation {

    /** Keras' {@code alpha}, 1.6732632423543772848170429916717. */
    static final double ALPHA = 1.6732632423543772848170429916717;
    /** Keras' {@code scale}, 1.0507009873554804934193349852946. */
    static final double SCALE = 1.0507009873554804934193349852946;
    /** {@code scale · alpha} rounded to float: the derivative's offset below zero. */
    static final float SCALE_ALPHA = (float) (SCALE * ALPHA);

    SeluActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.SELU));
    }

    @Override
    public String name() {
        return "selu";
    }

    @Override
    float value(float z) {
        return (float) (z > 0f ? SCALE * z : SCALE * ALPHA * Math.expm1(z));
    }

    @Override
    float derivative(float z, float y) {
        return y > 0f ? (float) SCALE : y + SCALE_ALPHA;
    }
}
