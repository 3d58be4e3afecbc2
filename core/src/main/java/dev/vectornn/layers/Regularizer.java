package dev.vectornn.layers;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A weight penalty added to the loss, as Keras' {@code keras.regularizers}: {@code L1}
 * ({@code l1 · Σ|w|}), {@code L2} ({@code l2 · Σw²}) and {@code L1L2} (both). The penalty joins
 * the batch's mean loss, and its gradient ({@code l1 · sign(w) + 2 · l2 · w}) the weights'
 * gradient, on every training step; {@code evaluate} reports the loss with the penalty too, as
 * Keras does.
 *
 * <pre>{@code
 * new Dense(64, "relu").kernelRegularizer(Regularizer.l2(0.01))   // Keras: kernel_regularizer=L2(0.01)
 * new Dense(64, "relu").kernelRegularizer("l2")                   // Keras: kernel_regularizer='l2'
 * new Dense(64, "relu").activityRegularizer(Regularizer.l1(1e-4))  // Keras: activity_regularizer=L1(1e-4)
 * }</pre>
 *
 * <p>As an activity regularizer the penalty is taken of the layer's output, divided by the
 * batch's rows, as Keras 3 does (see {@link Dense#activityRegularizer(Regularizer)}).
 *
 * <p>Defaults are Keras 3's: {@code l1()} and {@code l2()} use 0.01; {@code L1L2} defaults to 0 for
 * both. The derivative of {@code |w|} at 0 is taken as 0, as {@code sign(0) = 0} in Keras' gradient.
 * PyTorch has no regularizer objects (its {@code weight_decay} is a different, optimizer-side rule).
 * Instances are immutable.
 */
public final class Regularizer {

    private final String name;
    private final double l1;
    private final double l2;

    private Regularizer(String name, double l1, double l2) {
        this.name = name;
        this.l1 = check("l1", l1);
        this.l2 = check("l2", l2);
    }

    private static double check(String what, double v) {
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Regularizer " + what + " must be finite and ≥ 0, got " + v);
        }
        return v;
    }

    /** {@code l1 · Σ|w|} (Keras' {@code L1(l1=0.01)}). */
    public static Regularizer l1(double l1) {
        return new Regularizer("l1", l1, 0);
    }

    /** {@code l2 · Σw²} (Keras' {@code L2(l2=0.01)}). */
    public static Regularizer l2(double l2) {
        return new Regularizer("l2", 0, l2);
    }

    /** {@code l1 · Σ|w| + l2 · Σw²} (Keras' {@code L1L2(l1=0.0, l2=0.0)}). */
    public static Regularizer l1l2(double l1, double l2) {
        return new Regularizer("l1_l2", l1, l2);
    }

    /**
     * A regularizer by Keras name with Keras' defaults: {@code l1}, {@code l2} (0.01 each) or
     * {@code l1_l2} (0 and 0); case, underscores and hyphens are ignored ({@code L1L2}).
     *
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static Regularizer byName(String name) {
        return withConfig(name, Map.of());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    public String name() {
        return name;
    }

    public double l1() {
        return l1;
    }

    public double l2() {
        return l2;
    }

    /**
     * Adds {@code scale ×} the penalty's gradient over {@code w[off .. off + n)} into
     * {@code grads} at the same offsets (skipped if {@code grads} is null) and returns the penalty.
     * Allocates nothing.
     */
    public double apply(int n, float[] w, int off, float[] grads, float scale) {
        double abs = 0;
        double squares = 0;
        float a = (float) (l1 * scale);
        float b = (float) (2 * l2 * scale);
        for (int i = off; i < off + n; i++) {
            float v = w[i];
            abs += Math.abs(v);
            squares += (double) v * v;
            if (grads != null) {
                grads[i] += a * Math.signum(v) + b * v;
            }
        }
        return l1 * abs + l2 * squares;
    }

    /** The config a layer stores: {@code {"name": "l2", "config": {"l2": 0.01}}}. */
    public Map<String, Object> toConfig() {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (!name.equals("l2")) {
            settings.put("l1", l1);
        }
        if (!name.equals("l1")) {
            settings.put("l2", l2);
        }
        return new NamedConfig(name, settings).write();
    }

    /**
     * Reads what {@link #toConfig()} writes, or a bare name.
     *
     * @param what where the value was found, for messages (e.g. {@code "Dense kernel_regularizer"})
     * @throws IllegalArgumentException naming {@code what} if the value is neither a known name nor such a map
     */
    static Regularizer fromConfig(String what, Object value) {
        NamedConfig c = NamedConfig.read(what, value, "(l1, l2, l1_l2)");
        return withConfig(c.name(), c.settings());
    }

    private static Regularizer withConfig(String name, Map<String, Object> settings) {
        if (name == null) {
            throw new IllegalArgumentException("A regularizer name is null; known: " + List.of("l1", "l2", "l1_l2"));
        }
        switch (key(name)) {
            case "l1": {
                ConfigMap c = ConfigMap.of("L1 regularizer config", settings).checkKeys("l1");
                return l1(c.getDouble("l1", 0.01, 0, Double.MAX_VALUE));
            }
            case "l2": {
                ConfigMap c = ConfigMap.of("L2 regularizer config", settings).checkKeys("l2");
                return l2(c.getDouble("l2", 0.01, 0, Double.MAX_VALUE));
            }
            case "l1l2": {
                ConfigMap c = ConfigMap.of("L1L2 regularizer config", settings).checkKeys("l1", "l2");
                return l1l2(c.getDouble("l1", 0, 0, Double.MAX_VALUE), c.getDouble("l2", 0, 0, Double.MAX_VALUE));
            }
            default:
                throw new IllegalArgumentException("Unknown regularizer '" + name + "'; known: " + List.of("l1", "l2", "l1_l2"));
        }
    }

    /** E.g. {@code L2(0.01)}, for {@code summary()}. */
    @Override
    public String toString() {
        switch (name) {
            case "l1":
                return "L1(" + l1 + ")";
            case "l2":
                return "L2(" + l2 + ")";
            default:
                return "L1L2(" + l1 + ", " + l2 + ")";
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Regularizer && ((Regularizer) o).name.equals(name) && ((Regularizer) o).l1 == l1
                && ((Regularizer) o).l2 == l2;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Double.hashCode(l1) * 7 + Double.hashCode(l2);
    }
}
