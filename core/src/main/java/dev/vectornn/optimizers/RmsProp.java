package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * RMSprop (no momentum, not centred). Keras defaults: lr 0.001, ρ 0.9, ε 1e-7. Takes the shared
 * settings of {@link BaseOptimizer}.
 */
public final class RmsProp extends BaseOptimizer {

    private final float rho;
    private final float epsilon;

    public RmsProp() {
        this(0.001);
    }

    public RmsProp(double learningRate) {
        this(new LinkedHashMap<>(Map.of("learning_rate", learningRate)));
    }

    private RmsProp(Map<String, Object> c) {
        super("RMSprop", c, Set.of("rho", "epsilon"), 0.001f, null);
        this.rho = Hyper.unit("RMSprop", "rho", c, 0.9f);
        this.epsilon = Hyper.positive("RMSprop", "epsilon", c, 1e-7f);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rho", Hyper.exact(rho));
        c.put("epsilon", Hyper.exact(epsilon));
        return c;
    }

    @Override
    Optimizer rebuild(Map<String, Object> config) {
        return new RmsProp(config);
    }

    @Override
    public int slotsPerParameter() {
        return 1;
    }

    @Override
    void apply(Kernels k, int n, float[] params, float[] grads, float[] slots, long step, float lr) {
        k.rmspropUpdate(n, params, 0, grads, 0, slots, 0, lr, rho, epsilon);
    }
}
