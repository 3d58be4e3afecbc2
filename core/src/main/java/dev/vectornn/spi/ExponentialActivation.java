package dev.vectornn.spi;

/** Keras' {@code exponential}: {@code y = e^z}, {@code y' = y}. Only instance: {@link Activation#EXPONENTIAL}. */
final class ExponentialActivation extends ElementwiseActivation {

    ExponentialActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.EXPONENTIAL));
    }

    @Override
    public String name() {
        return "exponential";
    }

    @Override
    float value(float z) {
        return (float) Math.exp(z);
    }

    @Override
    float derivative(float z, float y) {
        return y;
    }
}
