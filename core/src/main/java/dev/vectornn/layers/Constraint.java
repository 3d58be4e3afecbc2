package dev.vectornn.layers;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rule applied to a weight matrix after every optimizer update, as Keras'
 * {@code keras.constraints}:
 * <ul>
 *   <li>{@code max_norm(max_value=2, axis=0)}: {@code w · clip(‖w‖, 0, max_value) / (ε + ‖w‖)},
 *       the norm taken along {@code axis} (for a dense kernel {@code [in, units]}, axis 0 is each
 *       unit's incoming weights);</li>
 *   <li>{@code non_neg}: negative weights become 0;</li>
 *   <li>{@code unit_norm(axis=0)}: {@code w / (ε + ‖w‖)}.</li>
 * </ul>
 * {@code ε} is Keras' {@code backend.epsilon()}, 1e-7. PyTorch has no constraint objects (users
 * clamp weights by hand after {@code optimizer.step()}). Instances are immutable.
 *
 * <pre>{@code
 * new Dense(64, "relu").kernelConstraint(Constraint.maxNorm(3, 0))   // Keras: kernel_constraint=MaxNorm(3)
 * new Dense(64, "relu").kernelConstraint("non_neg")
 * }</pre>
 */
public final class Constraint {

    /** Keras' {@code backend.epsilon()}. */
    static final double EPSILON = 1e-7;
    private static final List<String> NAMES = List.of("max_norm", "non_neg", "unit_norm");

    private final String name;
    private final double maxValue;
    private final int axis;

    private Constraint(String name, double maxValue, int axis) {
        if (!(maxValue >= 0 && maxValue < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Constraint " + name + " max_value must be finite and ≥ 0, got " + maxValue);
        }
        if (axis != 0 && axis != 1 && axis != -1) {
            throw new IllegalArgumentException("Constraint " + name + " axis must be 0, 1 or -1 for a kernel [in, units], got " + axis);
        }
        this.name = name;
        this.maxValue = maxValue;
        this.axis = axis;
    }

    /** Keras' {@code MaxNorm(max_value, axis)}. */
    public static Constraint maxNorm(double maxValue, int axis) {
        return new Constraint("max_norm", maxValue, axis);
    }

    /** Keras' {@code NonNeg()}. */
    public static Constraint nonNeg() {
        return new Constraint("non_neg", 0, 0);
    }

    /** Keras' {@code UnitNorm(axis)}. */
    public static Constraint unitNorm(int axis) {
        return new Constraint("unit_norm", 0, axis);
    }

    /**
     * A constraint by Keras name with Keras' defaults: {@code max_norm} (max_value 2, axis 0),
     * {@code non_neg}, {@code unit_norm} (axis 0); case, underscores and hyphens are ignored.
     *
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static Constraint byName(String name) {
        return withConfig(name, Map.of());
    }

    public String name() {
        return name;
    }

    /**
     * Applies the constraint in place to the {@code rows × cols} row-major matrix at
     * {@code w[off ..]}. Allocates nothing.
     */
    public void apply(int rows, int cols, float[] w, int off) {
        if (name.equals("non_neg")) {
            for (int i = off; i < off + rows * cols; i++) {
                // w * (w >= 0): keeps 0 and positive values, and NaN stays NaN as in Keras
                w[i] = w[i] >= 0 || w[i] != w[i] ? w[i] : 0f;
            }
            return;
        }
        boolean perColumn = axis == 0; // axis 0 reduces over rows: one norm per column
        int groups = perColumn ? cols : rows;
        int length = perColumn ? rows : cols;
        int stride = perColumn ? cols : 1;
        for (int g = 0; g < groups; g++) {
            int start = off + (perColumn ? g : g * cols);
            double sum = 0;
            for (int i = 0; i < length; i++) {
                double v = w[start + i * stride];
                sum += v * v;
            }
            double norm = Math.sqrt(sum);
            double desired = name.equals("max_norm") ? Math.min(norm, maxValue) : 1;
            float factor = (float) (desired / (EPSILON + norm));
            for (int i = 0; i < length; i++) {
                w[start + i * stride] *= factor;
            }
        }
    }

    /** The config a layer stores: {@code {"name": "max_norm", "config": {"max_value": 2.0, "axis": 0}}}. */
    public Map<String, Object> toConfig() {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (name.equals("max_norm")) {
            settings.put("max_value", maxValue);
        }
        if (!name.equals("non_neg")) {
            settings.put("axis", axis);
        }
        return new NamedConfig(name, settings).write();
    }

    /**
     * Reads what {@link #toConfig()} writes, or a bare name.
     *
     * @throws IllegalArgumentException naming {@code what} if the value is neither a known name nor such a map
     */
    static Constraint fromConfig(String what, Object value) {
        NamedConfig c = NamedConfig.read(what, value, NAMES.toString());
        return withConfig(c.name(), c.settings());
    }

    private static Constraint withConfig(String name, Map<String, Object> settings) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        switch (key) {
            case "maxnorm": {
                ConfigMap c = ConfigMap.of("MaxNorm constraint config", settings).checkKeys("max_value", "axis");
                return maxNorm(c.getDouble("max_value", 2, 0, Double.MAX_VALUE), c.getInt("axis", 0, -1, 1));
            }
            case "nonneg":
                ConfigMap.of("NonNeg constraint config", settings).checkKeys();
                return nonNeg();
            case "unitnorm": {
                ConfigMap c = ConfigMap.of("UnitNorm constraint config", settings).checkKeys("axis");
                return unitNorm(c.getInt("axis", 0, -1, 1));
            }
            default:
                throw new IllegalArgumentException("Unknown constraint '" + name + "'; known: " + NAMES);
        }
    }

    /** E.g. {@code MaxNorm(2.0, axis=0)}, for {@code summary()}. */
    @Override
    public String toString() {
        switch (name) {
            case "max_norm":
                return "MaxNorm(" + maxValue + ", axis=" + axis + ")";
            case "non_neg":
                return "NonNeg()";
            default:
                return "UnitNorm(axis=" + axis + ")";
        }
    }
}
