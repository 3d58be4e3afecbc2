package dev.vectornn.losses;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings the cross-entropies share, Keras' {@code from_logits} and {@code label_smoothing}
 * (both off by default), and how they are saved. Settings at their defaults are left out of the
 * saved config, so that models saved before these settings existed (with an empty config) still
 * load strictly, and a default loss saves as it always did.
 */
final class CrossEntropySettings {
    final boolean fromLogits;
    final double labelSmoothing;

    CrossEntropySettings(String loss, boolean fromLogits, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(loss + " label_smoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    /** Reads {@code from_logits} and, if {@code smoothing}, {@code label_smoothing}. */
    static CrossEntropySettings read(String loss, Map<String, Object> config, boolean smoothing) {
        ConfigMap c = ConfigMap.of(loss + " config", config);
        if (smoothing) {
            c.checkKeys("from_logits", "label_smoothing");
        } else {
            c.checkKeys("from_logits");
        }
        return new CrossEntropySettings(loss, c.getBoolean("from_logits", false),
                smoothing ? c.getDouble("label_smoothing", 0.0, 0.0, 1.0) : 0.0);
    }

    Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        if (fromLogits) {
            c.put("from_logits", true);
        }
        if (labelSmoothing != 0) {
            c.put("label_smoothing", labelSmoothing);
        }
        return c;
    }

    /** True if the backend's kernel computes exactly this: probabilities, no smoothing. */
    boolean plain() {
        return !fromLogits && labelSmoothing == 0;
    }

    CrossEntropyMath.Input input(boolean fused) {
        return fromLogits ? CrossEntropyMath.Input.LOGITS
                : fused ? CrossEntropyMath.Input.FUSED_PROBABILITIES : CrossEntropyMath.Input.PROBABILITIES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossEntropySettings s && s.fromLogits == fromLogits && s.labelSmoothing == labelSmoothing;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(fromLogits) * 31 + Double.hashCode(labelSmoothing);
    }

    String describe() {
        return "from_logits=" + fromLogits + (labelSmoothing != 0 ? ", label_smoothing=" + labelSmoothing : "");
    }
}
