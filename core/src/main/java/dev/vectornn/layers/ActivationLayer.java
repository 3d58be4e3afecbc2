package dev.vectornn.layers;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

import java.util.Map;

/**
 * A layer that only applies an activation, as Keras' {@code Activation('relu')}. Registered as
 * {@code "activation"} and, for convenience, under each activation's own name ({@code "relu"} ...).
 */
public final class ActivationLayer extends Layer {

    private final Activation activation;

    public ActivationLayer(Activation activation) {
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
    }

    /** By Keras name: {@code new ActivationLayer("relu")}. */
    public ActivationLayer(String activation) {
        this(Activation.byName(activation));
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public String typeName() {
        return "activation";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("activation", Activation.toConfig(activation));
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public Activation outputActivation() {
        return activation;
    }

    @Override
    public void forward(LayerCall c) {
        // Every activation goes to the kernel: the reference calls its own forward, and a backend
        // computes the built-ins it knows (fused or, like GELU and SiLU, only vectorised).
        c.kernels().activationForward(activation, c.rows(), c.inputWidth(), c.input(), 0, c.output(), 0);
    }

    @Override
    public void backward(LayerCall c) {
        if (c.inputGradient() == null) {
            return;
        }
        Activation act = c.outputGradientIsPreActivation() ? Activation.LINEAR : activation;
        Kernels k = c.kernels();
        if (k.fusesActivation(act)) {
            k.activationBackward(act, c.rows(), c.inputWidth(), c.output(), 0, c.outputGradient(), 0, c.inputGradient(), 0);
        } else if (act.derivativeNeedsInput()) {
            k.activationBackwardFromInput(act, c.rows(), c.inputWidth(), c.input(), 0,
                    c.output(), 0, c.outputGradient(), 0, c.inputGradient(), 0);
        } else {
            act.backward(c.rows(), c.inputWidth(), null, 0, c.output(), 0, c.outputGradient(), 0, c.inputGradient(), 0);
        }
    }

    @Override
    public String toString() {
        return "Activation(" + activation.name() + (activation.config().isEmpty() ? "" : activation.config()) + ")";
    }
}
