package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW: Adam with decoupled weight decay, as Keras 3's {@code AdamW} (lr 0.001,
 * {@code weight_decay} 0.004, β1 0.9, β2 0.999, ε 1e-7): before each Adam step
 * {@code w −= w · weight_decay · lr}, on every parameter (biases too, as Keras by default).
 * PyTorch's {@code torch.optim.AdamW} decays the same way but has other defaults
 * ({@code weight_decay} 0.01, ε 1e-8) and adds ε to the bias-corrected {@code √v̂} rather than to
 * {@code √v}; this class follows Keras.
 */
public final class AdamW extends AdamFamily {

    public AdamW() {
        this(0.001);
    }

    public AdamW(double learningRate) {
        this(rate(learningRate));
    }

    public AdamW(double learningRate, double weightDecay) {
        this(new LinkedHashMap<>(Map.of("learning_rate", learningRate, "weight_decay", weightDecay)));
    }

    private AdamW(Map<String, Object> c) {
        super("AdamW", c, 0.004f);
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    Optimizer rebuild(Map<String, Object> config) {
        return new AdamW(config);
    }

    @Override
    void apply(Kernels k, int n, float[] params, float[] grads, float[] slots, long step, float lr) {
        k.adamUpdate(n, params, 0, grads, 0, slots, 0, slots, n, lr, beta1, beta2, epsilon, step);
    }
}
