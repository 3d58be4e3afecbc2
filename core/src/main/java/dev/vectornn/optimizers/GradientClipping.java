package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.Map;

/**
 * Keras' gradient clipping arguments, of which at most one may be set (as Keras 3's
 * {@code BaseOptimizer} checks): {@code clipnorm} rescales each parameter tensor's gradient
 * (here: each tensor a layer declares, such as a Dense kernel or bias) whose L2 norm exceeds it to
 * that norm; {@code global_clipnorm} does the same with the norm of all gradients together;
 * {@code clipvalue} clamps every gradient element to {@code [−clipvalue, clipvalue]}.
 *
 * <p>A gradient within the bound is left bit for bit as it is (Keras multiplies by
 * {@code clipnorm / max(norm, clipnorm)}, which may round); the norm is computed in double.
 * Allocates nothing.
 */
final class GradientClipping {
    static final GradientClipping NONE = new GradientClipping(0, 0, 0);

    /** Per-tensor norm bound, or 0 for none. */
    final float clipnorm;
    /** Element bound, or 0 for none. */
    final float clipvalue;
    /** Global norm bound, or 0 for none. */
    final float globalClipnorm;

    private GradientClipping(float clipnorm, float clipvalue, float globalClipnorm) {
        this.clipnorm = clipnorm;
        this.clipvalue = clipvalue;
        this.globalClipnorm = globalClipnorm;
    }

    /**
     * Reads {@code clipnorm}, {@code clipvalue} and {@code global_clipnorm} (absent or null: not set).
     *
     * @throws IllegalArgumentException if one is not a positive finite number or more than one is set
     */
    static GradientClipping of(String optimizer, Map<String, Object> config) {
        float norm = bound(optimizer, "clipnorm", config);
        float value = bound(optimizer, "clipvalue", config);
        float global = bound(optimizer, "global_clipnorm", config);
        int set = (norm > 0 ? 1 : 0) + (value > 0 ? 1 : 0) + (global > 0 ? 1 : 0);
        if (set > 1) {
            throw new IllegalArgumentException(optimizer + ": only one of clipnorm, clipvalue and global_clipnorm can be set, "
                    + "got clipnorm=" + config.get("clipnorm") + ", clipvalue=" + config.get("clipvalue")
                    + ", global_clipnorm=" + config.get("global_clipnorm"));
        }
        return set == 0 ? NONE : new GradientClipping(norm, value, global);
    }

    private static float bound(String optimizer, String key, Map<String, Object> config) {
        return config.get(key) == null ? 0f : Hyper.positive(optimizer, key, config, 0f);
    }

    /** Puts the bound that is set, if any, into {@code config}. */
    void putInto(Map<String, Object> config) {
        if (clipnorm > 0) {
            config.put("clipnorm", Hyper.exact(clipnorm));
        }
        if (clipvalue > 0) {
            config.put("clipvalue", Hyper.exact(clipvalue));
        }
        if (globalClipnorm > 0) {
            config.put("global_clipnorm", Hyper.exact(globalClipnorm));
        }
    }

    /**
     * Clips {@code grads[0 .. n)} in place.
     *
     * @param tensorEnds the exclusive end of each parameter tensor in {@code grads}, in order, the
     *                   last being {@code n}; null treats all {@code n} as one tensor
     */
    void apply(Kernels k, int n, float[] grads, int[] tensorEnds) {
        if (clipnorm > 0) {
            if (tensorEnds == null) {
                clipNorm(k, grads, 0, n, clipnorm);
            } else {
                int start = 0;
                for (int end : tensorEnds) {
                    clipNorm(k, grads, start, end, clipnorm);
                    start = end;
                }
            }
        } else if (globalClipnorm > 0) {
            clipNorm(k, grads, 0, n, globalClipnorm);
        } else if (clipvalue > 0) {
            k.clipByValue(n, grads, 0, clipvalue);
        }
    }

    private static void clipNorm(Kernels k, float[] grads, int start, int end, float bound) {
        double norm = Math.sqrt(k.squaredNorm(end - start, grads, start));
        if (norm > bound) {
            k.scaleInPlace(end - start, grads, start, (float) (bound / norm));
        }
    }

    @Override
    public String toString() {
        return clipnorm > 0 ? "clipnorm=" + clipnorm : globalClipnorm > 0 ? "global_clipnorm=" + globalClipnorm
                : clipvalue > 0 ? "clipvalue=" + clipvalue : "no clipping";
    }
}
