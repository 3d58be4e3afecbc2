package dev.vectornn.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bundled diabetes.csv and breast_cancer.csv are what {@code examples/scripts/sklearn_datasets_to_csv.py}
 * writes from scikit-learn's own files, byte for byte. Skipped, with the reason, where
 * {@code python3} or scikit-learn's data (Debian: python3-sklearn) is missing. Budget: well under 1 s.
 */
class SklearnDataScriptTest {

    @TempDir
    Path dir;

    @Test
    void theBundledFilesAreTheScriptsOutput() throws Exception {
        Path log = dir.resolve("log.txt");
        Process p;
        try {
            p = new ProcessBuilder("python3", Path.of("scripts", "sklearn_datasets_to_csv.py").toString(), "--out", dir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 is not installed: the conversion script cannot run here (" + e.getMessage() + ")");
            return;
        }
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not finish in 60 s");
        String output = Files.readString(log);
        assumeTrue(p.exitValue() == 0 || !output.contains("no scikit-learn data"),
                () -> "scikit-learn's data files are not installed, so the script cannot run here: " + output);
        assertEquals(0, p.exitValue(), output);
        for (String name : new String[] {"diabetes.csv", "breast_cancer.csv"}) {
            assertArrayEquals(Files.readAllBytes(Path.of("src", "main", "resources", name)), Files.readAllBytes(dir.resolve(name)),
                    name + " differs from what the script writes");
        }
    }
}
