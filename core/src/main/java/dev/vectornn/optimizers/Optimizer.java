package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

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

    // ------------------------------------------------------------------ learning rate and clipping (issue 14 item 5)

    /**
     * The learning rate of the next update when the model has taken {@code step} updates (Keras'
     * {@code iterations}), as the update will use it. The default reads a constant
     * {@code "learning_rate"} from {@link #config()}.
     *
     * @throws UnsupportedOperationException if the config has no numeric {@code learning_rate}
     */
    default double learningRate(long step) {
        Object lr = config().get("learning_rate");
        if (lr instanceof Number) {
            return ((Number) lr).doubleValue();
        }
        throw new UnsupportedOperationException(name() + " does not say its learning rate: its config has learning_rate="
                + lr + "; override learningRate(long)");
    }

    /** A copy with the constant learning rate {@code lr}, replacing any schedule. */
    default Optimizer withLearningRate(double lr) {
        return withConfig(Map.of("learning_rate", lr));
    }

    /**
     * A copy whose learning rate follows {@code schedule}, evaluated at the step count before each
     * update. A model whose optimizer follows a schedule other than a
     * {@link dev.vectornn.optimizers.schedules.LearningRateSchedule} cannot be saved.
     */
    default Optimizer withLearningRate(LongToDoubleFunction schedule) {
        return withConfig(Map.of("learning_rate", schedule));
    }

    /**
     * Clips the gradient in place before {@link #update} (Keras' {@code clipnorm},
     * {@code clipvalue}, {@code global_clipnorm}); allocates nothing. The default clips nothing.
     *
     * @param n          the number of gradients
     * @param tensorEnds the exclusive end of each parameter tensor in {@code grads}, in order (the
     *                   last is {@code n}), for per-tensor {@code clipnorm}; null for one tensor
     */
    default void clipGradients(Kernels kernels, int n, float[] grads, int[] tensorEnds) {
    }
}
