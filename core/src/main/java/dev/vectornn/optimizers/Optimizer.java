package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.List;
import java.util.Map;

/**
 * An optimizer: immutable hyper-parameters plus an update rule over a model's flat parameter
 * array. Its per-parameter state ("slots": momentum, Adam's moments ...) is owned by the model,
 * so one optimizer object can be shared and a model's state can be saved and restored.
 *
 * <p>Found by name with {@link java.util.ServiceLoader} (see {@link Optimizers}); a provider's
 * public no-argument constructor gives Keras' default hyper-parameters.
 */
public interface Optimizer {

    /** The Keras name, e.g. {@code "sgd"}. */
    String name();

    default List<String> aliases() {
        return List.of();
    }

    /** The hyper-parameters as JSON-like values, e.g. {@code {learning_rate=0.01, momentum=0.0}}. */
    Map<String, Object> config();

    /** A copy with the hyper-parameters in {@code config} replaced (unknown keys are an error). */
    Optimizer withConfig(Map<String, Object> config);

    /** Floats of state per parameter (0 for plain SGD, 2 for Adam). */
    int slotsPerParameter();

    /** Sets the initial state, {@code slotsPerParameter() · n} floats (zeros by default). */
    default void initializeSlots(float[] slots, int n) {
        java.util.Arrays.fill(slots, 0, slotsPerParameter() * n, 0f);
    }

    /**
     * Applies one update to {@code n} parameters.
     *
     * @param slots the state, {@code slotsPerParameter() · n} floats, slot {@code s} at {@code s · n}
     * @param step  1 for the first update, then 2, 3 ...
     */
    void update(Kernels kernels, int n, float[] params, float[] grads, float[] slots, long step);
}
