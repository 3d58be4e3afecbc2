package dev.vectornn.spi;

/**
 * Keras' {@code softplus}: {@code y = ln(1 + e^z)}, computed as {@code max(z, 0) + ln(1 + e^{−|z|})}
 * so that nothing overflows; {@code y' = σ(z) = 1 − e^{−y}}, from the output. Only instance:
 * {@link Activation#SOFTPLUS}.
 */
final class SoftplusActivation extends ElementwiseActivation {

    SoftplusActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.SOFTPLUS));
    }

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    float value(float z) {
        return (float) (Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs((double) z))));
    }

    @Override
    float derivative(float z, float y) {
        return (float) -Math.expm1(-(double) y);
    }
}
