package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongToDoubleFunction;

/**
 * What every built-in optimizer shares, as in Keras 3's {@code BaseOptimizer}: a
 * {@code learning_rate} that is a number or a schedule of the step, decoupled
 * {@code weight_decay}, and gradient clipping ({@code clipnorm}, {@code clipvalue},
 * {@code global_clipnorm}; see {@link GradientClipping}).
 *
 * <p>One update runs Keras' order: the caller clips the gradients ({@link #clipGradients}), then
 * {@link #update} decays the weights, {@code w −= w · weight_decay · lr}, and applies the rule.
 * The rate of every update is the schedule's value at the step count before it (Keras'
 * {@code iterations}), rounded to float.
 *
 * <p>The config holds {@code learning_rate} and the rule's own settings always, and
 * {@code weight_decay} and the clipping bound only when set (Keras writes {@code None} for the
 * others); {@code null} for one of them in {@link #withConfig} unsets it.
 */
public abstract class BaseOptimizer implements Optimizer {

    private static final Set<String> COMMON = Set.of("learning_rate", "weight_decay", "clipnorm", "clipvalue",
            "global_clipnorm");

    private final String displayName;
    private final LearningRate learningRate;
    private final float weightDecay;
    private final GradientClipping clipping;

    /**
     * Reads the shared settings from {@code config} and refuses keys that are neither shared nor in
     * {@code ownKeys}.
     *
     * @param displayName         Keras' class name, for messages and {@code toString}, e.g. {@code "Adam"}
     * @param defaultRate         the rate if {@code learning_rate} is absent
     * @param defaultWeightDecay  the decay if {@code weight_decay} is absent, or null for none
     */
    BaseOptimizer(String displayName, Map<String, Object> config, Set<String> ownKeys, float defaultRate,
                  Float defaultWeightDecay) {
        Set<String> known = new HashSet<>(COMMON);
        known.addAll(ownKeys);
        Hyper.checkKeys(displayName, config, known);
        this.displayName = displayName;
        this.learningRate = LearningRate.of(displayName, config, defaultRate);
        Object wd = config.get("weight_decay");
        if (wd == null && defaultWeightDecay == null) {
            this.weightDecay = Float.NaN; // not set
        } else {
            float v = Hyper.number(displayName, "weight_decay", config, defaultWeightDecay == null ? 0f : defaultWeightDecay);
            if (!(v >= 0) || !Float.isFinite(v)) {
                throw new IllegalArgumentException(displayName + " weight_decay must be a finite number ≥ 0, got " + v);
            }
            this.weightDecay = v;
        }
        this.clipping = GradientClipping.of(displayName, config);
    }

    /** The rule's own settings (not the shared ones), in Keras' order. */
    abstract Map<String, Object> ownConfig();

    /** A new optimizer of this kind from a full config (shared and own settings). */
    abstract Optimizer rebuild(Map<String, Object> config);

    /** Applies the rule to all {@code n} parameters with the float rate {@code lr}; {@code step} is 1-based. */
    abstract void apply(Kernels k, int n, float[] params, float[] grads, float[] slots, long step, float lr);

    @Override
    public final Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("learning_rate", learningRate.configValue());
        c.putAll(ownConfig());
        if (!Float.isNaN(weightDecay)) {
            c.put("weight_decay", Hyper.exact(weightDecay));
        }
        clipping.putInto(c);
        return c;
    }

    /**
     * A copy with the settings in {@code config} replaced; {@code learning_rate} may be a number,
     * a {@link LongToDoubleFunction} of the step or a nested schedule config.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming it
     */
    @Override
    public final Optimizer withConfig(Map<String, Object> config) {
        Map<String, Object> merged = new LinkedHashMap<>(config());
        merged.put("learning_rate", learningRate.liveValue());
        Set<String> known = new HashSet<>(merged.keySet());
        known.addAll(COMMON);
        Hyper.checkKeys(displayName, config, known);
        merged.putAll(config);
        return rebuild(merged);
    }

    @Override
    public final double learningRate(long step) {
        return Hyper.exact(learningRate.at(displayName, step));
    }

    @Override
    public final void clipGradients(Kernels kernels, int n, float[] grads, int[] tensorEnds) {
        clipping.apply(kernels, n, grads, tensorEnds);
    }

    /**
     * Decays the weights if {@code weight_decay} is set, then applies the rule, at the rate of the
     * update after {@code step − 1} updates.
     *
     * @throws IllegalArgumentException if a schedule gives a rate that is not finite or is
     *                                  negative; nothing is changed then
     */
    @Override
    public final void update(Kernels k, int n, float[] params, float[] grads, float[] slots, long step) {
        float lr = learningRate.at(displayName, step - 1);
        if (weightDecay > 0) {
            k.decayWeights(n, params, 0, weightDecay * lr);
        }
        apply(k, n, params, grads, slots, step, lr);
    }

    @Override
    public String toString() {
        return displayName + config();
    }
}
