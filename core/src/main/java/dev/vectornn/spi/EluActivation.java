package dev.vectornn.spi;

import java.util.Map;

/**
 * Keras' {@code elu(x, alpha=1.0)}: {@code y = z > 0 ? z : alpha (e^z − 1)}. Its derivative,
 * {@code 1} above zero and {@code alpha e^z = y + alpha} below, comes from the output when
 * {@code alpha ≥ 0}; a negative alpha (allowed, as in Keras) makes the output ambiguous, and the
 * derivative then takes the input. Default instance: {@link Activation#ELU}.
 */
final class EluActivation extends ElementwiseActivation {

    private final float alpha;

    EluActivation(float alpha) {
        super(new BuiltinFunction(BuiltinFunction.Kind.ELU, 0f, Float.POSITIVE_INFINITY, 0f, alpha, false));
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "elu";
    }

    @Override
    float value(float z) {
        return z > 0f ? z : (float) (alpha * Math.expm1(z));
    }

    @Override
    float derivative(float z, float y) {
        if (derivativeNeedsInput()) {
            return z > 0f ? 1f : (float) (alpha * Math.exp(z));
        }
        return y > 0f ? 1f : y + alpha;
    }

    @Override
    public boolean derivativeNeedsInput() {
        return alpha < 0f;
    }

    @Override
    public Map<String, Object> config() {
        return alpha == 1f ? Map.of() : Map.of("alpha", (double) alpha);
    }

    /** Keys: {@code alpha} (finite, default 1). */
    @Override
    public Activation configure(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("Activation 'elu' config", config).checkKeys("alpha");
        float a = (float) c.getDouble("alpha", 1, -Float.MAX_VALUE, Float.MAX_VALUE);
        return a == 1f ? Activation.ELU : new EluActivation(a);
    }
}
