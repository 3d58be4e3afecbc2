package dev.vectornn.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What Adam, AdamW, Nadam and Adamax share: {@code beta_1}, {@code beta_2} and {@code epsilon}
 * with Keras' defaults 0.9, 0.999 and 1e-7, and two slots per parameter (the first moment, then
 * the second moment or Adamax's norm).
 */
abstract class AdamFamily extends BaseOptimizer {
    private static final Set<String> KEYS = Set.of("beta_1", "beta_2", "epsilon");

    final float beta1;
    final float beta2;
    final float epsilon;

    AdamFamily(String displayName, Map<String, Object> c, Float defaultWeightDecay) {
        super(displayName, c, KEYS, 0.001f, defaultWeightDecay);
        this.beta1 = Hyper.unit(displayName, "beta_1", c, 0.9f);
        this.beta2 = Hyper.unit(displayName, "beta_2", c, 0.999f);
        this.epsilon = Hyper.positive(displayName, "epsilon", c, 1e-7f);
    }

    /** A config holding only {@code learning_rate}. */
    static Map<String, Object> rate(double learningRate) {
        return new LinkedHashMap<>(Map.of("learning_rate", learningRate));
    }

    @Override
    final Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("beta_1", Hyper.exact(beta1));
        c.put("beta_2", Hyper.exact(beta2));
        c.put("epsilon", Hyper.exact(epsilon));
        return c;
    }

    @Override
    public final int slotsPerParameter() {
        return 2;
    }
}
