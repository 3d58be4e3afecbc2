package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;

/**
 * The built-in activations this backend vectorises, recognised by identity with the
 * {@link Activation} constants (their only instances), with the code the GEMM epilogue uses.
 * Any other activation is not one of these ({@link #of} gives {@code null}) and runs on the
 * reference path.
 */
enum BuiltinActivation {
    LINEAR(MicroKernel.ACT_NONE),
    RELU(MicroKernel.ACT_RELU),
    SIGMOID(MicroKernel.ACT_SIGMOID),
    TANH(MicroKernel.ACT_TANH),
    /** Row-wise, so the epilogue does nothing and softmax runs after the product. */
    SOFTMAX(MicroKernel.ACT_NONE);

    /** The epilogue code, see {@link MicroKernel}. */
    final int code;

    BuiltinActivation(int code) {
        this.code = code;
    }

    /** The built-in {@code act} is, or {@code null} for a plugin activation. */
    static BuiltinActivation of(Activation act) {
        if (act == Activation.LINEAR) {
            return LINEAR;
        } else if (act == Activation.RELU) {
            return RELU;
        } else if (act == Activation.SIGMOID) {
            return SIGMOID;
        } else if (act == Activation.TANH) {
            return TANH;
        } else if (act == Activation.SOFTMAX) {
            return SOFTMAX;
        }
        return null;
    }
}
