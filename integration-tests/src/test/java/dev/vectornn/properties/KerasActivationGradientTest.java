package dev.vectornn.properties;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.BuiltinFunction;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Issue #14's activations through a Dense layer, on every backend: the model's analytic gradient
 * ({@link Sequential#gradients}) against central differences of its own mean loss. The hidden
 * layer is 24 rows × 32 → 48, above the SIMD backend's small-shape thresholds, so its fused
 * epilogues (and, for GELU's tanh form and SiLU, its vector derivative from the input) are what
 * is checked there. Parameters whose unit has a pre-activation near a kink of the function
 * (relu's 0, maximum and threshold, hard_sigmoid's ±3, elu's 0) are skipped, never counted.
 */
class KerasActivationGradientTest {

    private static final int ROWS = 24;
    private static final int IN = 32;
    private static final int UNITS = 48;
    private static final int OUT = 4;
    private static final double H = 3e-3;

    static List<Activation> activations() {
        return List.of(Activation.LEAKY_RELU, Activation.ELU, configured("elu", Map.of("alpha", 0.5)), Activation.SELU,
                Activation.GELU, configured("gelu", Map.of("approximate", true)), Activation.SILU,
                Activation.SOFTPLUS, Activation.SOFTSIGN, Activation.HARD_SIGMOID, Activation.EXPONENTIAL,
                configured("relu", Map.of("max_value", 1.0)),
                configured("relu", Map.of("negative_slope", 0.1, "max_value", 1.5, "threshold", 0.2)),
                configured("leaky_relu", Map.of("negative_slope", -0.3)));
    }

    private static Activation configured(String name, Map<String, Object> config) {
        return Activation.fromConfig(Map.of("name", name, "config", config));
    }

    @TestFactory
    List<DynamicTest> gradientsMatchFiniteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend b : TestBackends.all()) {
            for (Activation a : activations()) {
                tests.add(dynamicTest(b.name() + ": " + a, () -> check(b, a)));
            }
        }
        return tests;
    }

    /** The points where {@code a} or its derivative jumps. */
    private static double[] kinks(Activation a) {
        BuiltinFunction f = Activation.builtinFunction(a);
        return switch (f.kind()) {
            case RELU -> new double[] {0, f.threshold(), f.maxValue()};
            case LEAKY_RELU, ELU, SELU -> new double[] {0};
            case HARD_SIGMOID -> new double[] {-3, 3};
            default -> new double[0];
        };
    }

    static void check(Backend backend, Activation act) {
        Sequential model = new Sequential(new Dense(UNITS, act).inputDim(IN), new Dense(OUT));
        model.backend(backend).seed(5);
        model.compile("mean_squared_error", "sgd");
        Random r = new Random(17);
        float[][] x = new float[ROWS][IN];
        float[][] y = new float[ROWS][OUT];
        for (int i = 0; i < ROWS; i++) {
            for (int p = 0; p < IN; p++) {
                x[i][p] = (float) (r.nextGaussian() * 1.5);
            }
            for (int j = 0; j < OUT; j++) {
                y[i][j] = (float) r.nextGaussian();
            }
        }
        float[] params = model.getParameters();
        double[][] z = preActivations(params, x);
        float[] analytic = model.gradients(x, y).parameters();
        double scale = 0;
        for (float g : analytic) {
            scale = Math.max(scale, Math.abs(g));
        }
        int kernel = IN * UNITS;
        int checked = 0;
        for (int t = 0; t < 400 && checked < 40; t++) {
            int p = r.nextInt(params.length);
            // A first-layer weight or bias moves its unit's pre-activations by at most H·max|x|.
            int unit = p < kernel ? p % UNITS : p < kernel + UNITS ? p - kernel : -1;
            if (unit >= 0 && nearKink(z, unit, kinks(act), 2 * H * 6)) {
                continue;
            }
            float saved = params[p];
            params[p] = (float) (saved + H);
            double plus = lossAt(model, params, x, y);
            params[p] = (float) (saved - H);
            double minus = lossAt(model, params, x, y);
            params[p] = saved;
            double step = (double) (float) (saved + H) - (float) (saved - H);
            double numeric = (plus - minus) / step;
            double tol = 2e-2 * Math.abs(numeric) + 1e-3 * scale + 1e-6;
            assertTrue(Math.abs(numeric - analytic[p]) <= tol, backend.name() + " " + act + ": parameter " + p
                    + " analytic " + analytic[p] + " vs numeric " + numeric + " (tolerance " + tol + ")");
            checked++;
        }
        model.setParameters(params);
        assertTrue(checked >= 20, act + ": only " + checked + " parameters away from kinks");
    }

    private static double lossAt(Sequential model, float[] params, float[][] x, float[][] y) {
        model.setParameters(params);
        return model.gradients(x, y).meanLoss();
    }

    /** {@code z = x·W + b} of the first layer in double (kernel [IN, UNITS] then bias). */
    private static double[][] preActivations(float[] params, float[][] x) {
        double[][] z = new double[ROWS][UNITS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < UNITS; j++) {
                double s = params[IN * UNITS + j];
                for (int p = 0; p < IN; p++) {
                    s += (double) x[i][p] * params[p * UNITS + j];
                }
                z[i][j] = s;
            }
        }
        return z;
    }

    private static boolean nearKink(double[][] z, int unit, double[] kinks, double margin) {
        for (double[] row : z) {
            for (double k : kinks) {
                if (Math.abs(row[unit] - k) < margin) {
                    return true;
                }
            }
        }
        return false;
    }
}
