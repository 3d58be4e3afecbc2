package dev.vectornn.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' {@code relu(x, negative_slope=0, max_value=None, threshold=0)} with settings other than
 * the defaults (those are {@link Activation#RELU}'s). As Keras computes it: the input where it
 * exceeds {@code threshold}, else 0, clipped to {@code [0, max_value]} when a maximum is set, minus
 * {@code negative_slope · max(threshold − z, 0)}. So {@code max_value = 6} is relu6 and a slope
 * alone is a leaky ReLU; a non-zero threshold passes {@code z} itself above it (Keras' semantics,
 * which make the function jump at a positive threshold).
 *
 * <p>With {@code threshold = 0} and a slope of at least zero the derivative comes from the output
 * ({@code 1} strictly between 0 and the maximum, the slope at or below 0, 0 at the maximum); a
 * non-zero threshold or a negative slope make the output ambiguous, and the derivative takes the
 * input ({@link #derivativeNeedsInput()}).
 */
final class ParametricReluActivation extends ElementwiseActivation {

    private final float slope;
    private final float max;
    private final float threshold;

    ParametricReluActivation(float slope, float max, float threshold) {
        super(new BuiltinFunction(BuiltinFunction.Kind.RELU, slope, max, threshold, 1f, false));
        this.slope = slope;
        this.max = max;
        this.threshold = threshold;
    }

    /**
     * The relu of these settings: {@link Activation#RELU} for the defaults.
     *
     * @throws IllegalArgumentException naming the setting that is invalid
     */
    static Activation of(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("Activation 'relu' config", config).checkKeys("negative_slope", "max_value", "threshold");
        float slope = (float) c.getDouble("negative_slope", 0, -Float.MAX_VALUE, Float.MAX_VALUE);
        float max = c.has("max_value")
                ? (float) c.getDouble("max_value", Float.MIN_VALUE, Float.MAX_VALUE) : Float.POSITIVE_INFINITY;
        float threshold = (float) c.getDouble("threshold", 0, -Float.MAX_VALUE, Float.MAX_VALUE);
        if (slope == 0f && max == Float.POSITIVE_INFINITY && threshold == 0f) {
            return Activation.RELU;
        }
        return new ParametricReluActivation(slope, max, threshold);
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    float value(float z) {
        float pass = threshold == 0f ? Math.max(z, 0f) : (z > threshold ? z : 0f);
        if (max != Float.POSITIVE_INFINITY) {
            pass = Math.min(Math.max(pass, 0f), max);
        }
        return slope == 0f ? pass : pass - slope * Math.max(threshold - z, 0f);
    }

    @Override
    float derivative(float z, float y) {
        if (!derivativeNeedsInput()) {
            return y > 0f ? (y < max ? 1f : 0f) : slope;
        }
        boolean passes = z > threshold && (max == Float.POSITIVE_INFINITY || (z > 0f && z < max));
        return (passes ? 1f : 0f) + (z < threshold ? slope : 0f);
    }

    @Override
    public boolean derivativeNeedsInput() {
        return threshold != 0f || slope < 0f;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        if (slope != 0f) {
            c.put("negative_slope", (double) slope);
        }
        if (max != Float.POSITIVE_INFINITY) {
            c.put("max_value", (double) max);
        }
        if (threshold != 0f) {
            c.put("threshold", (double) threshold);
        }
        return java.util.Collections.unmodifiableMap(c);
    }

    @Override
    public Activation configure(Map<String, Object> config) {
        return of(config);
    }
}
