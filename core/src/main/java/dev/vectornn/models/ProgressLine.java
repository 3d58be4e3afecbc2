package dev.vectornn.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays out one progress line, {@code Epoch 1/50 - 150/150 ━━━━━━━━━━━━━━━━━━━━ 0s 13us/step -
 * accuracy: 0.9667 - loss: 0.0312}, in ASCII where the output cannot encode the bar
 * ({@code [====>.....]}-style: {@code =} done, {@code >} current, {@code .} to do), and within a
 * width. A line that would be too wide first gets a shorter bar, then loses, in this order: the
 * bar, the elapsed time, the time per step, the step counter, the values from the right (the loss
 * goes last), and is finally cut. Once shortened, the bar stays as short for the rest of the fit.
 */
final class ProgressLine {

    static final int BAR = 20;
    /** A bar shorter than this says too little: it is dropped instead. */
    static final int MIN_BAR = 8;

    private final int epochs;
    private final int steps;
    private final boolean unicode;
    private final int width;
    /** The bar never grows back during a fit, so that redraws do not make it flicker. */
    private int barCap = BAR;

    /**
     * @param unicode whether the bar may use box-drawing characters
     * @param width   the most columns a line may take, or 0 for no limit; a line takes at most
     *                {@code width - 1} so that it never touches the last column, where terminals wrap
     */
    ProgressLine(int epochs, int steps, boolean unicode, int width) {
        this.epochs = epochs;
        this.steps = steps;
        this.unicode = unicode;
        this.width = width;
    }

    String render(int epoch, int step, long nanos, double loss, Map<String, Double> metrics, Map<String, Double> validation) {
        String head = "Epoch " + (epoch + 1) + '/' + epochs;
        String counter = " - " + step + '/' + steps;
        String time = " " + Math.round(nanos / 1e9) + "s";
        String perStep = " " + perStep(step == 0 ? 0 : nanos / step) + "/step";
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            values.add(" - " + m.getKey() + ": " + format(m.getValue()));
        }
        int lossAt = values.size();
        values.add(" - loss: " + format(loss));
        for (Map.Entry<String, Double> v : validation.entrySet()) {
            values.add(" - " + v.getKey() + ": " + format(v.getValue()));
        }
        int max = width <= 0 ? Integer.MAX_VALUE : Math.max(1, width - 1);
        int barWidth = barCap;
        boolean showTime = true;
        boolean showPerStep = true;
        boolean showCounter = true;
        while (true) {
            int rest = head.length() + (showCounter ? counter.length() : 0) + (showTime ? time.length() : 0)
                    + (showPerStep ? perStep.length() : 0) + length(values);
            if (barWidth > 0 && rest + 1 + barWidth > max) {
                barWidth = Math.min(barCap, max - rest - 1);
                if (barWidth < MIN_BAR) {
                    barWidth = 0;
                }
                continue;
            }
            if (barWidth > 0 || rest <= max) {
                break;
            }
            if (showTime) {
                showTime = false;
            } else if (showPerStep) {
                showPerStep = false;
            } else if (showCounter) {
                showCounter = false;
            } else if (values.size() > 1) {
                // From the right, but the loss stays to the end.
                values.remove(values.size() - 1 == lossAt ? lossAt - 1 : values.size() - 1);
                lossAt = Math.min(lossAt, values.size() - 1);
            } else {
                break;
            }
        }
        barCap = barWidth;
        StringBuilder sb = new StringBuilder(head);
        if (showCounter) {
            sb.append(counter);
        }
        if (barWidth > 0) {
            sb.append(' ').append(bar(step, barWidth));
        }
        if (showTime) {
            sb.append(time);
        }
        if (showPerStep) {
            sb.append(perStep);
        }
        for (String v : values) {
            sb.append(v);
        }
        return sb.length() > max ? sb.substring(0, max) : sb.toString();
    }

    private static int length(List<String> parts) {
        int n = 0;
        for (String p : parts) {
            n += p.length();
        }
        return n;
    }

    /** {@code filled} cells done, then the current cell, then the cells to do. */
    String bar(int step, int cells) {
        int filled = steps == 0 ? cells : (int) ((long) cells * step / steps);
        StringBuilder sb = new StringBuilder(cells);
        sb.append((unicode ? "━" : "=").repeat(filled));
        if (filled < cells) {
            sb.append(unicode ? '╺' : '>').append((unicode ? " " : ".").repeat(cells - filled - 1));
        }
        return sb.toString();
    }

    /** Keras' number format: 4 decimals, or scientific below 1e-3. */
    static String format(double v) {
        return Math.abs(v) < 1e-3 && v != 0 ? String.format(Locale.ROOT, "%.4e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String perStep(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return (nanos / 1_000_000_000L) + "s";
        }
        if (nanos >= 1_000_000L) {
            return (nanos / 1_000_000L) + "ms";
        }
        return (nanos / 1_000L) + "us";
    }
}
