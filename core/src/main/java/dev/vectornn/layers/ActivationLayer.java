package dev.vectornn.layers;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

import java.util.Map;
import java.util.random.RandomGenerator;

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
    public void forward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                        float[] y, int yOff, RandomGenerator training, float[] scratch, int sOff) {
        if (k.fusesActivation(activation)) {
            k.activationForward(activation, batch, in, x, xOff, y, yOff);
        } else {
            activation.forward(batch, in, x, xOff, y, yOff);
        }
    }

    @Override
    public void backward(Kernels k, int batch, int in, float[] params, int pOff, float[] x, int xOff,
                         float[] y, int yOff, float[] dy, int dyOff, boolean dyIsPreActivation,
                         float[] grads, int gOff, float[] dx, int dxOff, float[] scratch, int sOff) {
        if (dx == null) {
            return;
        }
        Activation act = dyIsPreActivation ? Activation.LINEAR : activation;
        if (k.fusesActivation(act)) {
            k.activationBackward(act, batch, in, y, yOff, dy, dyOff, dx, dxOff);
        } else {
            act.backward(batch, in, act.derivativeNeedsInput() ? x : null, xOff, y, yOff, dy, dyOff, dx, dxOff);
        }
    }

    @Override
    public String toString() {
        return "Activation(" + activation.name() + ")";
    }
}
