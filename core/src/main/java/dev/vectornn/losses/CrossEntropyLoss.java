package dev.vectornn.losses;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the cross-entropies share: Keras' {@code from_logits} and {@code label_smoothing} (both
 * off by default), how they are saved, and the choice between the backend's kernel (the defaults)
 * and {@link CrossEntropyMath} (any other setting). Settings at their defaults are left out of the
 * saved config, so that models saved before these settings existed (with an empty config) still
 * load strictly, and a default loss saves as it always did.
 */
abstract class CrossEntropyLoss implements Loss {
    final boolean fromLogits;
    final double labelSmoothing;

    /**
     * @throws IllegalArgumentException if {@code labelSmoothing} is not in {@code [0, 1]}
     */
    CrossEntropyLoss(boolean fromLogits, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(name() + " label_smoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    /** True if the model's last layer gives logits, to which the loss applies the softmax or sigmoid itself. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The smoothing {@code s} of the targets, 0 for none. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The settings {@code config} holds: {@code from_logits}, and {@code label_smoothing} if {@code smoothing}. */
    static ConfigMap read(String loss, Map<String, Object> config, boolean smoothing) {
        ConfigMap c = ConfigMap.of(loss + " config", config);
        return smoothing ? c.checkKeys("from_logits", "label_smoothing") : c.checkKeys("from_logits");
    }

    static boolean fromLogits(ConfigMap c) {
        return c.getBoolean("from_logits", false);
    }

    static double labelSmoothing(ConfigMap c) {
        return c.getDouble("label_smoothing", 0.0, 0.0, 1.0);
    }

    @Override
    public Map<String, Object> config() {
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
    final boolean plain() {
        return !fromLogits && labelSmoothing == 0;
    }

    /** What {@link CrossEntropyMath} receives. */
    final CrossEntropyMath.Input input(boolean fused) {
        return fromLogits ? CrossEntropyMath.Input.LOGITS
                : fused ? CrossEntropyMath.Input.FUSED_PROBABILITIES : CrossEntropyMath.Input.PROBABILITIES;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(from_logits=" + fromLogits
                + (labelSmoothing != 0 ? ", label_smoothing=" + labelSmoothing : "") + ")";
    }
}
