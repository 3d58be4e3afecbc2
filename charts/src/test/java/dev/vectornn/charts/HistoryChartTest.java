package dev.vectornn.charts;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.charts.fixtures.Png;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HistoryChartTest {

    private static History history(boolean validate, int epochs) {
        float[][] x = new float[40][2];
        float[][] y = new float[40][2];
        for (int i = 0; i < 40; i++) {
            x[i][0] = (i % 7) / 7f;
            x[i][1] = (i % 5) / 5f;
            y[i][x[i][0] > x[i][1] ? 0 : 1] = 1;
        }
        Sequential model = new Sequential(new Dense(4, "relu").inputDim(2), new Dense(2, "softmax"));
        model.seed(5);
        model.compile("categorical_crossentropy", "adam", "accuracy");
        FitOptions options = FitOptions.epochs(epochs).batchSize(8).verbose(0);
        return model.fit(x, y, validate ? options.validationSplit(0.25) : options);
    }

    @Test
    void onePanelPerQuantityWithTrainingAndValidationCurvesAndLabelledAxes() {
        List<XYChart> charts = HistoryChart.charts(history(true, 6), "demo");
        assertEquals(2, charts.size());
        XYChart loss = charts.get(0);
        assertEquals("demo: loss", loss.getTitle());
        assertEquals("epoch", loss.getXAxisTitle());
        assertEquals("loss", loss.getYAxisTitle());
        assertEquals(List.of("training loss", "validation loss"), List.copyOf(loss.getSeriesMap().keySet()));
        assertEquals(6, loss.getSeriesMap().get("training loss").getXData().length);
        assertEquals("accuracy", charts.get(1).getYAxisTitle());
        assertEquals(List.of("training accuracy", "validation accuracy"), List.copyOf(charts.get(1).getSeriesMap().keySet()));
    }

    @Test
    void withoutValidationOnlyTrainingCurves() {
        List<XYChart> charts = HistoryChart.charts(history(false, 3), "demo");
        assertEquals(List.of("training loss"), List.copyOf(charts.get(0).getSeriesMap().keySet()));
    }

    @Test
    void writesAValidPngExactlyWhereAsked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/history-without-extension");
        assertEquals(file, HistoryChart.write(history(true, 4), "demo", file));
        BufferedImage image = Png.assertValid(file, 2 * Charts.WIDTH, Charts.HEIGHT);
        assertEquals(Charts.HEIGHT, image.getHeight());
    }

    @Test
    void anEmptyHistoryIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HistoryChart.charts(history(false, 0), "demo"));
        assertEquals("The history is empty (no epoch was run): nothing to chart", e.getMessage());
    }
}
