package dev.vectornn.examples;

import dev.vectornn.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code onnx-export} then {@code onnx-run} on the bundled iris.csv: the same predictions as the trained model. Budget: ~1 s. */
class OnnxExamplesTest {

    @TempDir
    Path dir;

    @Test
    void exportTrainsIrisAndRunPredictsWithTheExportedFile() throws Exception {
        OnnxExport export = new OnnxExport();
        export.output = dir.resolve("iris.onnx");
        Output out = new Output();
        Sequential trained = export.run(out.stream);
        assertTrue(out.text().contains("ONNX opset 13, input \"input\" [batch, 4], output \"output\" [batch, 3]"), out.text());
        assertTrue(out.text().contains("ort.InferenceSession"), out.text());

        OnnxRun run = new OnnxRun();
        run.model = export.output;
        run.input = Path.of("src/main/resources/iris.csv");
        Output printed = new Output();
        float[][] y = run.run(printed.stream);
        float[][] x = IrisData.load().features();
        float[][] expected = trained.predict(x);
        assertEquals(150, y.length);
        for (int i = 0; i < y.length; i++) {
            assertArrayEquals(expected[i], y[i], 0f, "row " + i);
        }
        assertEquals(150, printed.text().lines().count());
    }
}
