package dev.vectornn.onnx;

import dev.vectornn.backend.Backends;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the ONNX tests share: backends by name, fixture files, random inputs and a float comparison. */
final class TestModels {

    /** Both backends; every model-level test runs on each. */
    static final List<String> BACKENDS = List.of("scalar", "simd");

    /**
     * Every built-in activation in its default settings, then the settings that change what ONNX
     * export writes: gelu's tanh form, each combination of relu's settings, other slopes and alphas.
     */
    static final List<Activation> ACTIVATIONS = activations();

    private static List<Activation> activations() {
        List<Activation> a = new ArrayList<>(Activation.allBuiltins());
        a.add(Activation.GELU.configure(Map.of("approximate", true)));
        a.add(Activation.LEAKY_RELU.configure(Map.of("negative_slope", 0.05)));
        a.add(Activation.ELU.configure(Map.of("alpha", 0.5)));
        for (Map<String, Object> relu : List.<Map<String, Object>>of(
                Map.of("max_value", 1.5),
                Map.of("negative_slope", 0.1),
                Map.of("threshold", 0.3),
                Map.of("threshold", -0.5, "max_value", 1.0),
                Map.of("max_value", 1.2, "negative_slope", 0.1),
                Map.of("threshold", 0.4, "negative_slope", 0.2, "max_value", 2.0),
                Map.of("threshold", 0.4, "negative_slope", -0.1))) {
            a.add(Activation.RELU.configure(relu));
        }
        return List.copyOf(a);
    }

    /** Names an activation with its settings, for test names and file names. */
    static String label(Activation a) {
        return a.toString().replaceAll("[^A-Za-z0-9_.=-]+", "_");
    }

    /**
     * Moves every parameter away from its initial value (γ = 1, β = 0, moving mean 0, ...), so that
     * an exporter that swapped or dropped a tensor gives other outputs; variances stay positive.
     */
    static void perturb(Sequential model) {
        float[] p = model.getParameters();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (0.25 * Math.sin(1.7 * i + 0.3));
        }
        model.setParameters(p);
    }

    /** {@link #gaussian} rows whose columns {@code categories[k][0]} hold whole numbers below {@code categories[k][1]}. */
    static float[][] withCategories(int rows, int cols, long seed, int[]... categories) {
        float[][] x = gaussian(rows, cols, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (float[] row : x) {
            for (int[] c : categories) {
                row[c[0]] = r.nextInt(c[1]);
            }
        }
        return x;
    }

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
