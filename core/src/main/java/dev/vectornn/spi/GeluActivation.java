package dev.vectornn.spi;

import java.util.Map;

/**
 * Keras' {@code gelu(x, approximate=False)}: {@code y = z Φ(z)} with {@code Φ} the standard normal
 * distribution function, {@code 0.5 z (1 + erf(z/√2))}; with {@code approximate=True} its tanh form
 * {@code 0.5 z (1 + tanh(√(2/π) (z + 0.044715 z³)))}. Keras' activation defaults to the exact form
 * (PyTorch's {@code GELU(approximate='none')} too). GELU is not monotonic, so its derivative
 * {@code Φ(z) + z φ(z)} (exact) needs the input ({@link #derivativeNeedsInput()}). Default
 * instance: {@link Activation#GELU}.
 */
final class GeluActivation extends ElementwiseActivation {

    /** √(2/π). */
    private static final double C = Math.sqrt(2 / Math.PI);
    private static final double CUBIC = 0.044715;

    private final boolean approximate;

    GeluActivation(boolean approximate) {
        super(new BuiltinFunction(BuiltinFunction.Kind.GELU, 0f, Float.POSITIVE_INFINITY, 0f, 1f, approximate));
        this.approximate = approximate;
    }

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    float value(float z) {
        double x = z;
        if (approximate) {
            return (float) (0.5 * x * (1 + Math.tanh(C * (x + CUBIC * x * x * x))));
        }
        return (float) (x * Gaussian.cdf(x));
    }

    @Override
    float derivative(float z, float y) {
        double x = z;
        if (approximate) {
            double t = Math.tanh(C * (x + CUBIC * x * x * x));
            return (float) (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * CUBIC * x * x));
        }
        return (float) (Gaussian.cdf(x) + x * Gaussian.density(x));
    }

    @Override
    public boolean derivativeNeedsInput() {
        return true;
    }

    @Override
    public Map<String, Object> config() {
        return approximate ? Map.of("approximate", true) : Map.of();
    }

    /** Keys: {@code approximate} (boolean, default false). */
    @Override
    public Activation configure(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("Activation 'gelu' config", config).checkKeys("approximate");
        return c.getBoolean("approximate", false) ? APPROXIMATE : Activation.GELU;
    }

    /** The tanh form; one instance, like the exact one. */
    static final GeluActivation APPROXIMATE = new GeluActivation(true);
}
