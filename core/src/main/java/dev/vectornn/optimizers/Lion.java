package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Lion (Chen et al. 2023) as Keras 3 (lr 0.001, β1 0.9, β2 0.99):
 * {@code w −= lr · sign(β1 · m + (1 − β1) · g)}, then {@code m = β2 · m + (1 − β2) · g}. Every
 * step moves each weight by exactly {@code lr} (or not at all), so Lion wants a rate 3–10 times
 * smaller than Adam's. Keras requires {@code 0 < β1 ≤ 1}; {@code β2} is in {@code [0, 1)} here.
 */
public final class Lion extends BaseOptimizer {

    private final float beta1;
    private final float beta2;

    public Lion() {
        this(0.001);
    }

    public Lion(double learningRate) {
        this(new LinkedHashMap<>(Map.of("learning_rate", learningRate)));
    }

    private Lion(Map<String, Object> c) {
        super("Lion", c, Set.of("beta_1", "beta_2"), 0.001f, null);
        this.beta1 = Hyper.number("Lion", "beta_1", c, 0.9f);
        if (!(beta1 > 0 && beta1 <= 1)) {
            throw new IllegalArgumentException("Lion beta_1 must be in (0, 1], got " + beta1);
        }
        this.beta2 = Hyper.unit("Lion", "beta_2", c, 0.99f);
    }

    @Override
    public String name() {
        return "lion";
    }

    @Override
    Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("beta_1", Hyper.exact(beta1));
        c.put("beta_2", Hyper.exact(beta2));
        return c;
    }

    @Override
    Optimizer rebuild(Map<String, Object> config) {
        return new Lion(config);
    }

    @Override
    public int slotsPerParameter() {
        return 1;
    }

    @Override
    void apply(Kernels k, int n, float[] params, float[] grads, float[] slots, long step, float lr) {
        k.lionUpdate(n, params, 0, grads, 0, slots, 0, lr, beta1, beta2);
    }
}
