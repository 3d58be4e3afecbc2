package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.Map;

/**
 * Adam. Keras defaults: lr 0.001, β1 0.9, β2 0.999, ε 1e-7. Takes the shared settings of
 * {@link BaseOptimizer}; with {@code weight_decay} set its rule is {@link AdamW}'s.
 */
public final class Adam extends AdamFamily {

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this(rate(learningRate));
    }

    private Adam(Map<String, Object> c) {
        super("Adam", c, null);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    Optimizer rebuild(Map<String, Object> config) {
        return new Adam(config);
    }

    @Override
    void apply(Kernels k, int n, float[] params, float[] grads, float[] slots, long step, float lr) {
        k.adamUpdate(n, params, 0, grads, 0, slots, 0, slots, n, lr, beta1, beta2, epsilon, step);
    }
}
