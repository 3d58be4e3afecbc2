package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adagrad. Keras defaults: lr 0.001, initial accumulator 0.1, ε 1e-7. Takes the shared settings
 * of {@link BaseOptimizer}.
 */
public final class Adagrad extends BaseOptimizer {

    private final float initialAccumulator;
    private final float epsilon;

    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        this(new LinkedHashMap<>(Map.of("learning_rate", learningRate)));
    }

    private Adagrad(Map<String, Object> c) {
        super("Adagrad", c, Set.of("initial_accumulator_value", "epsilon"), 0.001f, null);
        this.initialAccumulator = Hyper.number("Adagrad", "initial_accumulator_value", c, 0.1f);
        if (!(initialAccumulator >= 0)) {
            throw new IllegalArgumentException("Adagrad initial_accumulator_value must be ≥ 0, got " + initialAccumulator);
        }
        this.epsilon = Hyper.positive("Adagrad", "epsilon", c, 1e-7f);
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_accumulator_value", Hyper.exact(initialAccumulator));
        c.put("epsilon", Hyper.exact(epsilon));
        return c;
    }

    @Override
    Optimizer rebuild(Map<String, Object> config) {
        return new Adagrad(config);
    }

    @Override
    public int slotsPerParameter() {
        return 1;
    }

    @Override
    public void initializeSlots(float[] slots, int n) {
        java.util.Arrays.fill(slots, 0, n, initialAccumulator);
    }

    @Override
    void apply(Kernels k, int n, float[] params, float[] grads, float[] slots, long step, float lr) {
        k.adagradUpdate(n, params, 0, grads, 0, slots, 0, lr, epsilon);
    }
}
