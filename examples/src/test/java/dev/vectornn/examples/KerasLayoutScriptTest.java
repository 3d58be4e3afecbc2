package dev.vectornn.examples;

import dev.vectornn.data.csv.Csv;
import dev.vectornn.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@code examples/scripts/to_vectornn_safetensors.py --demo} (PyTorch → Keras-layout
 * safetensors) and checks that {@code Sequential.load} predicts what PyTorch predicted, within
 * 1e-5 + 1e-5·|y|. Skipped, with the reason, where {@code python3} with torch is missing. Budget:
 * ~3 s (starting PyTorch).
 */
class KerasLayoutScriptTest {

    @TempDir
    Path dir;

    @Test
    void aPyTorchModelConvertedByTheScriptLoadsAndPredictsAsInPyTorch() throws Exception {
        Path script = Path.of("scripts", "to_vectornn_safetensors.py");
        Path log = dir.resolve("log.txt");
        Process p;
        try {
            // Debian's python3-torch lives in /usr/bin/python3, which a pyenv python3 on the PATH may hide.
            String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            p = new ProcessBuilder(python, script.toString(), "--demo", dir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 is not installed: the conversion script cannot run here (" + e.getMessage() + ")");
            return;
        }
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS), "the script did not finish in 120 s");
        String output = Files.readString(log);
        assumeTrue(p.exitValue() == 0 || !output.contains("No module named"),
                () -> "python3 lacks torch or numpy, so the conversion script cannot run here: " + output);
        assertEquals(0, p.exitValue(), output);
        for (String name : new String[] {"torch_mlp", "keras_mlp"}) {
            Path model = dir.resolve(name + ".safetensors");
            if (!Files.exists(model)) {
                assumeTrue(!name.startsWith("torch"), "the script wrote no " + model);
                continue; // Keras is not installed
            }
            Sequential m = Sequential.load(model);
            int[] cols = IntStream.range(0, m.inputWidth()).toArray();
            float[][] x = Csv.read(dir.resolve(name + ".input.csv")).features(cols).load().features();
            float[][] expected = Csv.read(dir.resolve(name + ".output.csv"))
                    .features(IntStream.range(0, m.outputWidth()).toArray()).load().features();
            float[][] y = m.predict(x);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < y[i].length; j++) {
                    assertEquals(expected[i][j], y[i][j], 1e-5 + 1e-5 * Math.abs(expected[i][j]),
                            name + " row " + i + " column " + j);
                }
            }
        }
    }
}
