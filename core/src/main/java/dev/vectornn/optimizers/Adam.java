package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Adam. Keras defaults: lr 0.001, β1 0.9, β2 0.999, ε 1e-7. */
public final class Adam implements Optimizer {

    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this(Map.of("learning_rate", learningRate));
    }

    private Adam(Map<String, Object> c) {
        Hyper.checkKeys("Adam", c, Set.of("learning_rate", "beta_1", "beta_2", "epsilon"));
        this.learningRate = Hyper.positive("Adam", "learning_rate", c, 0.001f);
        this.beta1 = Hyper.unit("Adam", "beta_1", c, 0.9f);
        this.beta2 = Hyper.unit("Adam", "beta_2", c, 0.999f);
        this.epsilon = Hyper.positive("Adam", "epsilon", c, 1e-7f);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("learning_rate", Hyper.exact(learningRate));
        c.put("beta_1", Hyper.exact(beta1));
        c.put("beta_2", Hyper.exact(beta2));
        c.put("epsilon", Hyper.exact(epsilon));
        return c;
    }

    @Override
    public Optimizer withConfig(Map<String, Object> config) {
        Map<String, Object> merged = new LinkedHashMap<>(config());
        Hyper.checkKeys("Adam", config, merged.keySet());
        merged.putAll(config);
        return new Adam(merged);
    }

    @Override
    public int slotsPerParameter() {
        return 2;
    }

    @Override
    public void update(Kernels k, int n, float[] params, float[] grads, float[] slots, long step) {
        k.adamUpdate(n, params, 0, grads, 0, slots, 0, slots, n, learningRate, beta1, beta2, epsilon, step);
    }

    @Override
    public String toString() {
        return "Adam" + config();
    }
}
