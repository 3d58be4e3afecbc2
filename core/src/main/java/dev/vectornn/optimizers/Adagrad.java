package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Adagrad. Keras defaults: lr 0.001, initial accumulator 0.1, ε 1e-7. */
public final class Adagrad implements Optimizer {

    private final float learningRate;
    private final float initialAccumulator;
    private final float epsilon;

    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        this(Map.of("learning_rate", learningRate));
    }

    private Adagrad(Map<String, Object> c) {
        Hyper.checkKeys("Adagrad", c, Set.of("learning_rate", "initial_accumulator_value", "epsilon"));
        this.learningRate = Hyper.positive("Adagrad", "learning_rate", c, 0.001f);
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
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("learning_rate", Hyper.exact(learningRate));
        c.put("initial_accumulator_value", Hyper.exact(initialAccumulator));
        c.put("epsilon", Hyper.exact(epsilon));
        return c;
    }

    @Override
    public Optimizer withConfig(Map<String, Object> config) {
        Map<String, Object> merged = new LinkedHashMap<>(config());
        Hyper.checkKeys("Adagrad", config, merged.keySet());
        merged.putAll(config);
        return new Adagrad(merged);
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
    public void update(Kernels k, int n, float[] params, float[] grads, float[] slots, long step) {
        k.adagradUpdate(n, params, 0, grads, 0, slots, 0, learningRate, epsilon);
    }

    @Override
    public String toString() {
        return "Adagrad" + config();
    }
}
