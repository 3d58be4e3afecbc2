package dev.vectornn.spi;

/**
 * Keras' {@code softsign}: {@code y = z / (1 + |z|)}; {@code y' = 1 / (1 + |z|)² = (1 − |y|)²}, from
 * the output. Only instance: {@link Activation#SOFTSIGN}.
 */
final class SoftsignActivation extends ElementwiseActivation {

    SoftsignActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.SOFTSIGN));
    }

    @Override
    public String name() {
        return "softsign";
    }

    @Override
    float value(float z) {
        return z / (1f + Math.abs(z));
    }

    @Override
    float derivative(float z, float y) {
        float d = 1f - Math.abs(y);
        return d * d;
    }
}
