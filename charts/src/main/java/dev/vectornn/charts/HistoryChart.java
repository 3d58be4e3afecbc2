package dev.vectornn.charts;

import dev.vectornn.models.History;
import org.knowm.xchart.XYChart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a training {@link History} as a PNG: one panel for the loss and one per metric, each with
 * the training curve and, when {@code fit} validated, the validation curve ({@code val_} twin).
 *
 * <pre>{@code
 * History history = model.fit(x, y, FitOptions.epochs(50).validationSplit(0.2));
 * HistoryChart.write(history, "iris", Path.of("iris.png"));
 * }</pre>
 *
 * <p>This module ({@code vectornn-charts}) holds the charts so that the library itself needs no
 * charting dependency.
 */
public final class HistoryChart {

    private HistoryChart() {
    }

    /**
     * Returns the panels: the loss first, then each metric, epochs on the x axis.
     *
     * @throws IllegalArgumentException if the history holds no epoch
     */
    public static List<XYChart> charts(History history, String title) {
        Map<String, List<Double>> series = history.asMap();
        if (series.isEmpty()) {
            throw new IllegalArgumentException("The history is empty (no epoch was run): nothing to chart");
        }
        List<String> names = new ArrayList<>();
        if (series.containsKey("loss")) {
            names.add("loss");
        }
        for (String name : series.keySet()) {
            if (!name.startsWith("val_") && !names.contains(name)) {
                names.add(name);
            }
        }
        List<XYChart> charts = new ArrayList<>();
        for (String name : names) {
            // Accuracy-like metrics rise, losses fall: keep the legend off the curves.
            XYChart chart = Charts.linearAxis(Charts.lineChart(title + ": " + name, "epoch", name), name.contains("acc"));
            Charts.addPerEpoch(chart, "training " + name, series.get(name));
            List<Double> validation = series.get("val_" + name);
            if (validation != null) {
                Charts.addPerEpoch(chart, "validation " + name, validation);
            }
            charts.add(chart);
        }
        return charts;
    }

    /**
     * Writes {@link #charts} side by side as one PNG at {@code file} and returns {@code file}.
     *
     * @throws IllegalArgumentException if the history holds no epoch
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static Path write(History history, String title, Path file) {
        List<XYChart> charts = charts(history, title);
        return Charts.writePng(charts, charts.size(), file);
    }
}
