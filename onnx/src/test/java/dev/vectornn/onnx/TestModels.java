package dev.vectornn.onnx;

import dev.vectornn.backend.Backends;
import dev.vectornn.spi.Backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the ONNX tests share: backends by name, fixture files, random inputs and a float comparison. */
final class TestModels {

    /** Both backends; every model-level test runs on each. */
    static final List<String> BACKENDS = List.of("scalar", "simd");

    private TestModels() {
    }

    /** The named backend, or the test is skipped with the reason it cannot run here. */
    static Backend backend(String name) {
        Backend b = Backends.named(name);
        assumeTrue(b.availability().available(), () -> "backend " + name + " cannot run here: " + b.availability());
        return b;
    }

    /** A committed fixture: {@code fixtures/NAME.input.csv} or {@code .output.csv} as rows of floats. */
    static float[][] csv(String resource) {
        try (InputStream in = TestModels.class.getResourceAsStream("/fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource fixtures/" + resource);
            }
            List<float[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                float[] row = new float[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    row[i] = Float.parseFloat(cells[i]);
                }
                rows.add(row);
            }
            return rows.toArray(float[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = TestModels.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource fixtures/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[][] gaussian(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (r.nextDouble(-2, 2));
            }
        }
        return x;
    }

    /**
     * Fails unless every value is within {@code abs + rel·|expected|} of the expected one; the
     * message names the first row and column that differ.
     */
    static void assertClose(float[][] expected, float[][] actual, double abs, double rel, String what) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " rows, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].length != actual[i].length) {
                fail(what + ": row " + i + " has " + actual[i].length + " values, expected " + expected[i].length);
            }
            for (int j = 0; j < expected[i].length; j++) {
                double tol = abs + rel * Math.abs(expected[i][j]);
                if (!(Math.abs(expected[i][j] - actual[i][j]) <= tol)) {
                    fail(what + ": row " + i + ", column " + j + " is " + actual[i][j] + ", expected " + expected[i][j]
                            + " ± " + tol);
                }
            }
        }
    }
}
