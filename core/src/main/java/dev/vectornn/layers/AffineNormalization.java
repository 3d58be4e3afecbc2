package dev.vectornn.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What {@link BatchNormalization} and {@link LayerNormalization} share: the same output width as
 * input, {@code epsilon}, and the learned per-feature scale {@code γ} and shift {@code β} in
 * Keras' order, {@code gamma} (if {@code scale}) then {@code beta} (if {@code center}); γ starts
 * at 1 and β at 0.
 */
abstract class AffineNormalization extends Layer {

    final float epsilon;
    final boolean center;
    final boolean scale;

    /** @throws IllegalArgumentException if {@code epsilon} is not positive and finite as a float, naming {@code what} */
    AffineNormalization(String what, double epsilon, boolean center, boolean scale) {
        if (!((float) epsilon > 0 && (float) epsilon < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " epsilon must be positive and finite as a float, got " + epsilon);
        }
        this.epsilon = (float) epsilon;
        this.center = center;
        this.scale = scale;
    }

    /** The ε added to the variance. */
    public float epsilon() {
        return epsilon;
    }

    /** Adds {@code epsilon}, {@code center} and {@code scale} to a config. */
    void putSettings(Map<String, Object> c) {
        c.put("epsilon", (double) epsilon);
        c.put("center", center);
        c.put("scale", scale);
    }

    @Override
    public final int outputWidth(int inputWidth) {
        return inputWidth;
    }

    /** Keras' order: {@code gamma} (if scale), then {@code beta} (if center). */
    @Override
    public final List<ParameterSpec> parameters(int inputWidth) {
        List<ParameterSpec> p = new ArrayList<>();
        if (scale) {
            p.add(new ParameterSpec("gamma", inputWidth));
        }
        if (center) {
            p.add(new ParameterSpec("beta", inputWidth));
        }
        return p;
    }

    @Override
    public final void initialize(int inputWidth, float[] params, int pOff, RandomGenerator random) {
        if (scale) {
            Arrays.fill(params, pOff, pOff + inputWidth, 1f);
        }
        if (center) {
            int b = betaOffset(pOff, inputWidth);
            Arrays.fill(params, b, b + inputWidth, 0f);
        }
    }

    /** Where β starts for a slice at {@code pOff}. */
    final int betaOffset(int pOff, int width) {
        return pOff + (scale ? width : 0);
    }
}
