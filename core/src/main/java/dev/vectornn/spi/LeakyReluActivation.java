package dev.vectornn.spi;

import java.util.Map;

/**
 * Keras' {@code leaky_relu(x, negative_slope=0.2)}: {@code y = z ≥ 0 ? z : negative_slope · z}.
 * With a slope of at least zero the derivative ({@code 1} above zero, the slope below) comes from
 * the output's sign; a negative slope (allowed, as in Keras) makes the output ambiguous, so the
 * derivative then takes the input ({@link #derivativeNeedsInput()}). Default instance:
 * {@link Activation#LEAKY_RELU}.
 */
final class LeakyReluActivation extends ElementwiseActivation {

    static final float DEFAULT_SLOPE = 0.2f;

    private final float slope;

    LeakyReluActivation(float slope) {
        super(new BuiltinFunction(BuiltinFunction.Kind.LEAKY_RELU, slope, Float.POSITIVE_INFINITY, 0f, 1f, false));
        this.slope = slope;
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    float value(float z) {
        return z >= 0f ? z : slope * z;
    }

    @Override
    float derivative(float z, float y) {
        return (derivativeNeedsInput() ? z > 0f : y > 0f) ? 1f : slope;
    }

    @Override
    public boolean derivativeNeedsInput() {
        return slope < 0f;
    }

    @Override
    public Map<String, Object> config() {
        return slope == DEFAULT_SLOPE ? Map.of() : Map.of("negative_slope", (double) slope);
    }

    /** Keys: {@code negative_slope} (finite, default 0.2). */
    @Override
    public Activation configure(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("Activation 'leaky_relu' config", config).checkKeys("negative_slope");
        float s = (float) c.getDouble("negative_slope", DEFAULT_SLOPE, -Float.MAX_VALUE, Float.MAX_VALUE);
        return s == DEFAULT_SLOPE ? Activation.LEAKY_RELU : new LeakyReluActivation(s);
    }
}
