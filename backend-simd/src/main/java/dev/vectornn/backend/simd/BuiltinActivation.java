package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.BuiltinFunction;

/**
 * The built-in activations this backend vectorises, recognised by their
 * {@link Activation#builtinFunction} (so configured ones too: relu6, an elu with another alpha).
 * {@link #of} gives {@code null} for any other activation, which then runs on the reference path:
 * plugin activations and the variants whose derivative needs the input through an ambiguous output
 * (relu with a threshold, a negative slope or alpha). {@link #GELU}, {@link #GELU_TANH} and
 * {@link #SILU} need the input too, and their derivative is vectorised in the element-wise kernels
 * only (see {@link SimdKernels#activationBackwardFromInput}); exact GELU's {@code Φ} is
 * {@link VectorMath#normalCdf}.
 */
enum BuiltinActivation {
    LINEAR,
    RELU,
    SIGMOID,
    TANH,
    /** Row-wise, so the epilogue does nothing and softmax runs after the product. */
    SOFTMAX,
    /** {@code relu} with a maximum and/or a slope of at least zero, threshold zero. */
    RELU_GENERAL,
    /** {@code leaky_relu} with a slope of at least zero. */
    LEAKY_RELU,
    /** {@code elu} with {@code alpha ≥ 0}. */
    ELU,
    SELU,
    /** {@code gelu} with {@code approximate = false} (the default): {@code x Φ(x)}. */
    GELU,
    /** {@code gelu} with {@code approximate = true}. */
    GELU_TANH,
    SILU,
    SOFTPLUS,
    SOFTSIGN,
    HARD_SIGMOID,
    EXPONENTIAL;

    /** The built-in {@code act} is, or {@code null} for one this backend leaves to the reference. */
    static BuiltinActivation of(Activation act) {
        BuiltinFunction f = Activation.builtinFunction(act);
        if (f == null) {
            return null;
        }
        return switch (f.kind()) {
            case LINEAR -> LINEAR;
            case RELU -> f.threshold() != 0f || !(f.negativeSlope() >= 0f) ? null
                    : f.negativeSlope() == 0f && f.maxValue() == Float.POSITIVE_INFINITY ? RELU : RELU_GENERAL;
            case SIGMOID -> SIGMOID;
            case TANH -> TANH;
            case SOFTMAX -> SOFTMAX;
            case LEAKY_RELU -> f.negativeSlope() >= 0f ? LEAKY_RELU : null;
            case ELU -> f.alpha() >= 0f ? ELU : null;
            case SELU -> SELU;
            case GELU -> f.approximate() ? GELU_TANH : GELU;
            case SILU -> SILU;
            case SOFTPLUS -> SOFTPLUS;
            case SOFTSIGN -> SOFTSIGN;
            case HARD_SIGMOID -> HARD_SIGMOID;
            case EXPONENTIAL -> EXPONENTIAL;
        };
    }

    /** True for the kinds whose derivative this backend takes from the pre-activation input. */
    boolean needsInput() {
        return this == GELU || this == GELU_TANH || this == SILU;
    }
}
