package dev.vectornn.spi;

import java.util.List;

/**
 * Keras' {@code silu} (alias {@code swish}): {@code y = z · σ(z)}, {@code σ} the sigmoid. It is not
 * monotonic, so its derivative {@code σ(z) (1 + z (1 − σ(z)))} needs the input
 * ({@link #derivativeNeedsInput()}). Only instance: {@link Activation#SILU}.
 */
final class SiluActivation extends ElementwiseActivation {

    SiluActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.SILU));
    }

    @Override
    public String name() {
        return "silu";
    }

    @Override
    public List<String> aliases() {
        return List.of("swish");
    }

    /** {@code 1 / (1 + e^{−x})} in double; {@code e^{−x}} overflows to ∞ only where the result is 0. */
    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Override
    float value(float z) {
        return (float) (z * sigmoid(z));
    }

    @Override
    float derivative(float z, float y) {
        double s = sigmoid(z);
        return (float) (s * (1 + z * (1 - s)));
    }

    @Override
    public boolean derivativeNeedsInput() {
        return true;
    }
}
