package dev.vectornn.optimizers;

import dev.vectornn.spi.ConfigMap;
import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum. Keras defaults: lr 0.01, no
 * momentum. Takes the shared settings of {@link BaseOptimizer} (schedule, weight decay, clipping).
 */
public final class Sgd extends BaseOptimizer {

    private final float momentum;
    private final boolean nesterov;

    /** Keras' defaults: {@code SGD(learning_rate=0.01)}. */
    public Sgd() {
        this(0.01);
    }

    public Sgd(double learningRate) {
        this(learningRate, 0, false);
    }

    public Sgd(double learningRate, double momentum, boolean nesterov) {
        this(new LinkedHashMap<>(Map.of("learning_rate", learningRate, "momentum", momentum, "nesterov", nesterov)));
    }

    private Sgd(Map<String, Object> c) {
        super("SGD", c, Set.of("momentum", "nesterov"), 0.01f, null);
        this.momentum = Hyper.unit("SGD", "momentum", c, 0f);
        this.nesterov = ConfigMap.of("SGD config", c).getBoolean("nesterov", false);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("momentum", Hyper.exact(momentum));
        c.put("nesterov", nesterov);
        return c;
    }

    @Override
    Optimizer rebuild(Map<String, Object> config) {
        return new Sgd(config);
    }

    @Override
    public int slotsPerParameter() {
        return momentum == 0f ? 0 : 1;
    }

    @Override
    void apply(Kernels k, int n, float[] params, float[] grads, float[] slots, long step, float lr) {
        k.sgdUpdate(n, params, 0, grads, 0, slots, 0, lr, momentum, nesterov);
    }
}
