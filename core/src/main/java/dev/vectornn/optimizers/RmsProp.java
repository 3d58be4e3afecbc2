package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** RMSprop (no momentum, not centred). Keras defaults: lr 0.001, ρ 0.9, ε 1e-7. */
public final class RmsProp implements Optimizer {

    private final float learningRate;
    private final float rho;
    private final float epsilon;

    public RmsProp() {
        this(0.001);
    }

    public RmsProp(double learningRate) {
        this(Map.of("learning_rate", learningRate));
    }

    private RmsProp(Map<String, Object> c) {
        Hyper.checkKeys("RMSprop", c, Set.of("learning_rate", "rho", "epsilon"));
        this.learningRate = Hyper.positive("RMSprop", "learning_rate", c, 0.001f);
        this.rho = Hyper.unit("RMSprop", "rho", c, 0.9f);
        this.epsilon = Hyper.positive("RMSprop", "epsilon", c, 1e-7f);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("learning_rate", Hyper.exact(learningRate));
        c.put("rho", Hyper.exact(rho));
        c.put("epsilon", Hyper.exact(epsilon));
        return c;
    }

    @Override
    public Optimizer withConfig(Map<String, Object> config) {
        Map<String, Object> merged = new LinkedHashMap<>(config());
        Hyper.checkKeys("RMSprop", config, merged.keySet());
        merged.putAll(config);
        return new RmsProp(merged);
    }

    @Override
    public int slotsPerParameter() {
        return 1;
    }

    @Override
    public void update(Kernels k, int n, float[] params, float[] grads, float[] slots, long step) {
        k.rmspropUpdate(n, params, 0, grads, 0, slots, 0, learningRate, rho, epsilon);
    }

    @Override
    public String toString() {
        return "RMSprop" + config();
    }
}
