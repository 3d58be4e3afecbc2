package dev.vectornn.models;

import java.io.PrintStream;
import java.util.Map;

/**
 * Keras-style progress: {@code Epoch 1/50 - 150/150 ━━━━━━━━━━━━━━━━━━━━ 0s 13us/step - accuracy:
 * 0.9667 - loss: 0.0312}. On a terminal the bar of a long epoch is redrawn in place (at most ten
 * times a second), within the terminal's width; otherwise, as in a log file or CI, one plain line
 * per epoch. {@link ProgressLine} lays the line out, in ASCII where {@code out} cannot encode the bar.
 */
final class ProgressLogger {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final boolean live;
    private final int epochs;
    private final int steps;
    private final ProgressLine layout;
    private long lastDraw;

    ProgressLogger(PrintStream out, int verbose, int epochs, int steps) {
        this.out = out;
        this.verbose = verbose;
        this.epochs = epochs;
        this.steps = steps;
        java.io.Console console = System.console();
        this.live = verbose == 1 && out == System.out && console != null && isTerminal(console);
        // A line redrawn in place must not wrap, or each redraw leaves a stale line behind; a log
        // file has no width.
        this.layout = new ProgressLine(epochs, steps, TerminalText.unicode(out), live ? TerminalText.width() : 0);
    }

    /**
     * {@code Console.isTerminal()} is Java 22+, and core compiles to Java 17: call it where it
     * exists. Before Java 22, {@code System.console()} is non-null only on a terminal.
     */
    private static boolean isTerminal(java.io.Console console) {
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
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
        return layout.render(epoch, step, nanos, loss, metrics, validation);
    }
}
