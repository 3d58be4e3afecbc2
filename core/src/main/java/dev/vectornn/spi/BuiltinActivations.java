package dev.vectornn.spi;

import java.util.List;

/** The built-in activations as one immutable list, created once (the hot path asks for it). */
final class BuiltinActivations {

    static final List<Activation> ALL = List.of(Activation.LINEAR, Activation.RELU, Activation.SIGMOID,
            Activation.TANH, Activation.SOFTMAX);

    private BuiltinActivations() {
    }
}
