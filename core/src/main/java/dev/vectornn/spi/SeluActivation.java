package dev.vectornn.spi;

/**
 * Keras' {@code selu}: {@code y = scale · (z > 0 ? z : alpha (e^z − 1))} with Keras' (Klambauer et
 * al.'s) constants {@code alpha ≈ 1.6733}, {@code scale ≈ 1.0507}; {@code y' = scale} above zero
 * and {@code scale · alpha · e^z = y + scale · alpha} below, from the output. Only instance:
 * {@link Activation#SELU}.
 */
final class SeluActivation extends ElementwiseActivation {

    private static final double ALPHA = BuiltinFunction.SELU_ALPHA;
    private static final double SCALE = BuiltinFunction.SELU_SCALE;
    /** {@code scale · alpha} rounded to float: the derivative's offset below zero. */
    private static final float SCALE_ALPHA = (float) (SCALE * ALPHA);

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
