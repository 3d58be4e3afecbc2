package dev.vectornn.models;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras-style progress: {@code Epoch 1/50 - 150/150 ━━━━━━━━━━━━━━━━━━━━ 0s 13us/step - accuracy:
 * 0.9667 - loss: 0.0312}. On a terminal the bar of a long epoch is redrawn in place (at most ten
 * times a second); otherwise, as in a log file or CI, one plain line per epoch.
 */
final class ProgressLogger {

    private static final int BAR = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final boolean live;
    private final int epochs;
    private final int steps;
    private long lastDraw;

    ProgressLogger(PrintStream out, int verbose, int epochs, int steps) {
        this.out = out;
        this.verbose = verbose;
        this.epochs = epochs;
        this.steps = steps;
        java.io.Console console = System.console();
        this.live = verbose == 1 && out == System.out && console != null && console.isTerminal();
    }

    void epochBegin() {
        lastDraw = System.nanoTime();
    }

    /** Whether {@link #batch} would draw now: lets the caller skip building its arguments. */
    boolean redrawDue() {
        return live && System.nanoTime() - lastDraw >= REDRAW_NANOS;
    }

    /** Says why training ended early. */
    void stopped(String reason) {
        out.println("Stopped: " + reason);
    }

    /** Called after each batch; draws only on a terminal and only every {@link #REDRAW_NANOS}. */
    void batch(int epoch, int step, long startNanos, double loss, Map<String, Double> metrics) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(epoch, step, now - startNanos, loss, metrics, Map.of()) + "\u001b[K");
        out.flush();
    }

    void epochEnd(int epoch, long nanos, double loss, Map<String, Double> metrics, Map<String, Double> validation) {
        if (verbose == 0) {
            return;
        }
        out.print((live ? "\r" : "") + line(epoch, steps, nanos, loss, metrics, validation) + (live ? "\u001b[K" : "") + "\n");
        out.flush();
    }

    private String line(int epoch, int step, long nanos, double loss, Map<String, Double> metrics,
                        Map<String, Double> validation) {
        StringBuilder sb = new StringBuilder();
        sb.append("Epoch ").append(epoch + 1).append('/').append(epochs).append(" - ");
        sb.append(step).append('/').append(steps).append(' ');
        int filled = steps == 0 ? BAR : (int) ((long) BAR * step / steps);
        sb.append("━".repeat(filled)).append(filled < BAR ? "╺" + " ".repeat(BAR - filled - 1) : "");
        sb.append(' ').append(Math.round(nanos / 1e9)).append("s ");
        sb.append(perStep(step == 0 ? 0 : nanos / step)).append("/step");
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            sb.append(" - ").append(m.getKey()).append(": ").append(format(m.getValue()));
        }
        sb.append(" - loss: ").append(format(loss));
        for (Map.Entry<String, Double> v : validation.entrySet()) {
            sb.append(" - ").append(v.getKey()).append(": ").append(format(v.getValue()));
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
