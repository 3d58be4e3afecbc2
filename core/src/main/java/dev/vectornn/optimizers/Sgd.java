package dev.vectornn.optimizers;

import dev.vectornn.spi.ConfigMap;
import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Stochastic gradient descent with optional (Nesterov) momentum. Keras defaults: lr 0.01, no momentum. */
public final class Sgd implements Optimizer {

    private final float learningRate;
    private final float momentum;
    private final boolean nesterov;

    /** Keras' defaults: {@code SGD(learning_rate=0.01)}. */
    public Sgd() {
        this(0.01f, 0f, false);
    }

    public Sgd(double learningRate) {
        this(learningRate, 0, false);
    }

    public Sgd(double learningRate, double momentum, boolean nesterov) {
        this(Map.of("learning_rate", learningRate, "momentum", momentum, "nesterov", nesterov));
    }

    private Sgd(Map<String, Object> c) {
        Hyper.checkKeys("SGD", c, Set.of("learning_rate", "momentum", "nesterov"));
        this.learningRate = Hyper.positive("SGD", "learning_rate", c, 0.01f);
        this.momentum = Hyper.unit("SGD", "momentum", c, 0f);
        this.nesterov = ConfigMap.of("SGD config", c).getBoolean("nesterov", false);
    }

    private Sgd(float lr, float momentum, boolean nesterov) {
        this.learningRate = lr;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("learning_rate", Hyper.exact(learningRate));
        c.put("momentum", Hyper.exact(momentum));
        c.put("nesterov", nesterov);
        return c;
    }

    @Override
    public Optimizer withConfig(Map<String, Object> config) {
        Map<String, Object> merged = new LinkedHashMap<>(config());
        Hyper.checkKeys("SGD", config, merged.keySet());
        merged.putAll(config);
        return new Sgd(merged);
    }

    @Override
    public int slotsPerParameter() {
        return momentum == 0f ? 0 : 1;
    }

    @Override
    public void update(Kernels k, int n, float[] params, float[] grads, float[] slots, long step) {
        k.sgdUpdate(n, params, 0, grads, 0, slots, 0, learningRate, momentum, nesterov);
    }

    @Override
    public String toString() {
        return "SGD" + config();
    }
}
