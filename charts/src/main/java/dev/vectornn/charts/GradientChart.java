package dev.vectornn.charts;

import dev.vectornn.models.GradientStatistics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws the per-layer gradient norms that a {@link GradientStatistics} callback recorded: one panel
 * per training run, one line per layer (dark next to the input, fading towards the output), epochs
 * on the x axis and the mean gradient norm on a logarithmic y axis shared by every panel, so that
 * runs compare at a glance.
 *
 * <pre>{@code
 * GradientStatistics sigmoid = new GradientStatistics(), relu = new GradientStatistics();
 * ... fit two models with callbacks(sigmoid) and callbacks(relu) ...
 * List<XYChart> panels = GradientChart.charts(Map.of("sigmoid", sigmoid, "relu", relu));
 * Charts.writePng(panels, panels.size(), Path.of("gradients.png"));
 * }</pre>
 */
public final class GradientChart {

    private GradientChart() {
    }

    /**
     * Returns one log-scale panel per entry of {@code runs}, in the map's iteration order, titled
     * {@code "<name>: gradient norm per layer"}.
     *
     * @throws IllegalArgumentException if {@code runs} is empty or no run recorded a positive norm
     */
    public static List<XYChart> charts(Map<String, GradientStatistics> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("No gradient statistics to chart");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (GradientStatistics g : runs.values()) {
            for (int e = 0; e < g.epochs(); e++) {
                for (int k = 0; k < g.layerCount(); k++) {
                    double v = g.meanNorm(e, k);
                    if (v > 0) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (max == 0) {
            throw new IllegalArgumentException("No positive gradient norm was recorded (no epoch run, or all gradients zero): "
                    + "a log scale cannot show it");
        }
        List<XYChart> charts = new ArrayList<>();
        for (Map.Entry<String, GradientStatistics> run : runs.entrySet()) {
            XYChart chart = Charts.lineChart(run.getKey() + ": gradient norm per layer", "epoch", "mean gradient norm (log)");
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            GradientStatistics g = run.getValue();
            for (int k = 0; k < g.layerCount(); k++) {
                XYSeries series = Charts.addPerEpoch(chart, layerName(k, g.layerCount()), g.meanNorms(k));
                series.setLineColor(layerColor(k, g.layerCount()));
            }
            charts.add(chart);
        }
        return charts;
    }

    /** {@code "layer 1"} ... next to the input, {@code "output"} for the last layer. */
    public static String layerName(int layer, int layers) {
        return layer == layers - 1 ? "output" : "layer " + (layer + 1);
    }

    /** Dark for the first layer, fading towards the output, so the ordering reads at a glance. */
    private static Color layerColor(int k, int layers) {
        float t = layers == 1 ? 0 : (float) k / (layers - 1);
        return Color.getHSBColor(0.62f - 0.55f * t, 0.85f, 0.35f + 0.55f * t);
    }
}
