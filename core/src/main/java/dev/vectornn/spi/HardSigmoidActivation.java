package dev.vectornn.spi;

/**
 * Keras 3's {@code hard_sigmoid}: {@code y = relu6(z + 3) / 6}, i.e. 0 below −3, 1 above 3 and
 * {@code z/6 + 1/2} between (Keras 2 used {@code 0.2 z + 0.5}; this is Keras 3's, and PyTorch's
 * {@code Hardsigmoid}). {@code y' = 1/6} where {@code 0 < y < 1}, else 0, from the output. Computed
 * in float, operation by operation as a vector backend does, so the two agree bit for bit. Only
 * instance: {@link Activation#HARD_SIGMOID}.
 */
final class HardSigmoidActivation extends ElementwiseActivation {

    HardSigmoidActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.HARD_SIGMOID));
    }

    @Override
    public String name() {
        return "hard_sigmoid";
    }

    @Override
    float value(float z) {
        return Math.min(Math.max(z + 3f, 0f), 6f) / 6f;
    }

    @Override
    float derivative(float z, float y) {
        return y > 0f && y < 1f ? 1f / 6f : 0f;
    }
}
