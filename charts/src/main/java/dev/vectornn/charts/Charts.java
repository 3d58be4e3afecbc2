package dev.vectornn.charts;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared chart style of vectornn's plots (XChart line charts, white background, light grid, a
 * legend inside the plot) and PNG writing. Everything here works headless
 * ({@code -Djava.awt.headless=true}); no window is ever opened.
 *
 * <pre>{@code
 * XYChart chart = Charts.lineChart("training loss", "epoch", "loss");
 * Charts.addPerEpoch(chart, "relu", history.get("loss"));
 * Charts.writePng(List.of(chart), 1, Path.of("loss.png"));
 * }</pre>
 */
public final class Charts {

    /** The width in pixels of one chart (one panel of a PNG). */
    public static final int WIDTH = 640;
    /** The height in pixels of one chart (one panel of a PNG). */
    public static final int HEIGHT = 440;

    private Charts() {
    }

    /**
     * Returns an empty line chart of {@link #WIDTH} by {@link #HEIGHT} pixels with a title,
     * labelled axes and a legend inside the plot.
     */
    public static XYChart lineChart(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    /**
     * Gives {@code chart} a linear y axis with a leading zero on its labels (XChart's default
     * pattern writes ".08"), puts the legend where the curves leave room for it (bottom right for
     * {@code rising} curves such as accuracy, top right for falling ones such as a loss), and
     * returns it.
     */
    public static XYChart linearAxis(XYChart chart, boolean rising) {
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        chart.getStyler().setLegendPosition(rising ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
        return chart;
    }

    /**
     * Adds a line without markers named {@code name} and returns it; {@code y.get(i)} is plotted at
     * {@code x = i + 1}, since epochs count from 1.
     */
    public static XYSeries addPerEpoch(XYChart chart, String name, List<Double> y) {
        double[] xs = new double[y.size()];
        double[] ys = new double[y.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i + 1;
            ys[i] = y.get(i);
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /**
     * Writes the charts as one PNG, laid out in a grid of {@code columns} columns, creating the
     * parent folder if needed, and returns {@code file}. The file is written exactly at {@code file}
     * (no extension is added).
     *
     * @throws IllegalArgumentException if {@code charts} is empty
     * @throws java.io.UncheckedIOException if the file cannot be written; the message names it
     */
    public static Path writePng(List<XYChart> charts, int columns, Path file) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("No charts to write to " + file);
        }
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the chart " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
