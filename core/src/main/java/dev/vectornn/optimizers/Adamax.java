package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.Map;

/**
 * Adamax, Adam with the infinity norm, as Keras 3 (lr 0.001, β1 0.9, β2 0.999, ε 1e-7):
 * {@code m += (g − m)(1 − β1)}, {@code u = max(β2 · u, |g|)},
 * {@code w −= lr · m / ((1 − β1^t)(u + ε))}. PyTorch's {@code torch.optim.Adamax} adds ε inside
 * the max ({@code max(β2 u, |g| + ε)}) and defaults to lr 0.002, ε 1e-8; this class follows Keras.
 */
public final class Adamax extends AdamFamily {

    public Adamax() {
        this(0.001);
    }

    public Adamax(double learningRate) {
        this(rate(learningRate));
    }

    private Adamax(Map<String, Object> c) {
        super("Adamax", c, null);
    }

    @Override
    public String name() {
        return "adamax";
    }

    @Override
    Optimizer rebuild(Map<String, Object> config) {
        return new Adamax(config);
    }

    @Override
    void apply(Kernels k, int n, float[] params, float[] grads, float[] slots, long step, float lr) {
        float correction = (float) (1 - Math.pow(beta1, step));
        k.adamaxUpdate(n, params, 0, grads, 0, slots, 0, slots, n, lr, beta1, beta2, epsilon, correction);
    }
}
