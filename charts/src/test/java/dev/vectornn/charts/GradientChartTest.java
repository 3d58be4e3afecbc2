package dev.vectornn.charts;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.GradientStatistics;
import dev.vectornn.models.Sequential;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientChartTest {

    private static GradientStatistics train(String activation, int epochs) {
        float[][] x = new float[24][2];
        float[][] y = new float[24][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (i % 4) / 4f;
            x[i][1] = (i % 3) / 3f;
            y[i][x[i][0] > x[i][1] ? 0 : 1] = 1;
        }
        Sequential model = new Sequential(new Dense(3, activation).inputDim(2), new Dense(3, activation), new Dense(2, "softmax"));
        model.seed(3);
        model.compile("categorical_crossentropy", "sgd", "accuracy");
        GradientStatistics stats = new GradientStatistics();
        model.fit(x, y, FitOptions.epochs(epochs).batchSize(8).verbose(0).callbacks(stats));
        return stats;
    }

    @Test
    void onePanelPerRunOneLinePerLayerOnASharedLogScale() {
        Map<String, GradientStatistics> runs = new LinkedHashMap<>();
        runs.put("sigmoid", train("sigmoid", 3));
        runs.put("relu", train("relu", 3));
        List<XYChart> charts = GradientChart.charts(runs);
        assertEquals(2, charts.size());
        assertEquals("sigmoid: gradient norm per layer", charts.get(0).getTitle());
        assertEquals(List.of("layer 1", "layer 2", "output"), List.copyOf(charts.get(1).getSeriesMap().keySet()));
        assertEquals(3, charts.get(0).getSeriesMap().get("layer 1").getXData().length);
        for (XYChart chart : charts) {
            assertTrue(chart.getStyler().isYAxisLogarithmic());
            assertEquals(charts.get(0).getStyler().getYAxisMin(), chart.getStyler().getYAxisMin());
            assertEquals(charts.get(0).getStyler().getYAxisMax(), chart.getStyler().getYAxisMax());
        }
    }

    @Test
    void nothingToDrawIsRejectedWithAReason() {
        assertEquals("No gradient statistics to chart",
                assertThrows(IllegalArgumentException.class, () -> GradientChart.charts(Map.of())).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientChart.charts(Map.of("relu", train("relu", 0))));
        assertTrue(e.getMessage().startsWith("No positive gradient norm was recorded"), e.getMessage());
    }
}
