package dev.vectornn.spi;

import java.util.List;

/** The built-in activations as immutable lists, created once. */
final class BuiltinActivations {

    static final List<Activation> ALL = List.of(Activation.LINEAR, Activation.RELU, Activation.SIGMOID,
            Activation.TANH, Activation.SOFTMAX);

    /** Every built-in in its default settings: the five classic ones, then issue #14's. */
    static final List<Activation> EVERY = List.of(Activation.LINEAR, Activation.RELU, Activation.SIGMOID,
            Activation.TANH, Activation.SOFTMAX, Activation.LEAKY_RELU, Activation.ELU, Activation.SELU,
            Activation.GELU, Activation.SILU, Activation.SOFTPLUS, Activation.SOFTSIGN, Activation.HARD_SIGMOID,
            Activation.EXPONENTIAL);

    private BuiltinActivations() {
    }
}
