package dev.vectornn.spark;

import java.util.Locale;
import java.util.Map;

/**
 * The per-epoch progress line in the format {@code fit} prints without a terminal:
 * {@code Epoch 1/5 - 245/245 ━━━━━━━━━━━━━━━━━━━━ 3s 12ms/step - accuracy: 0.9123 - loss: 0.2711 - val_loss: ...}.
 */
final class EpochLine {

    private static final int BAR = 20;

    private EpochLine() {
    }

    static String of(int epoch, int epochs, int steps, long nanos, Map<String, Double> metrics, double loss,
                     Map<String, Double> validation) {
        StringBuilder sb = new StringBuilder();
        sb.append("Epoch ").append(epoch + 1).append('/').append(epochs).append(" - ");
        sb.append(steps).append('/').append(steps).append(' ').append("━".repeat(BAR));
        sb.append(' ').append(Math.round(nanos / 1e9)).append("s ");
        sb.append(perStep(steps == 0 ? 0 : nanos / steps)).append("/step");
        metrics.forEach((k, v) -> sb.append(" - ").append(k).append(": ").append(format(v)));
        sb.append(" - loss: ").append(format(loss));
        validation.forEach((k, v) -> sb.append(" - ").append(k).append(": ").append(format(v)));
        return sb.toString();
    }

    /** Keras' number format: 4 decimals, or scientific below 1e-3. */
    static String format(double v) {
        return Math.abs(v) < 1e-3 && v != 0 ? String.format(Locale.ROOT, "%.4e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String perStep(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return (nanos / 1_000_000_000L) + "s";
        }
        if (nanos >= 1_000_000L) {
            return (nanos / 1_000_000L) + "ms";
        }
        return (nanos / 1_000L) + "us";
    }
}
