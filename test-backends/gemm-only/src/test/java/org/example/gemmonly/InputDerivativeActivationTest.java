package org.example.gemmonly;

import dev.vectornn.backend.Backends;
import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An activation whose derivative needs its input, not only its output (swish,
 * {@code z·σ(z)}), gets the pre-activation the layers keep for it: the model's gradients match
 * finite differences of its loss on every backend, fused inside a dense layer and as a layer of
 * its own. Budget: well under a second.
 */
class InputDerivativeActivationTest {

    /** {@code y = z·σ(z)}, {@code y' = σ(z) + z·σ(z)(1 − σ(z))}: not a function of {@code y} alone. */
    static final class Swish implements Activation {
        @Override
        public String name() {
            return "test_swish";
        }

        @Override
        public boolean derivativeNeedsInput() {
            return true;
        }

        private static double sigmoid(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        public void forward(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
            for (int i = 0; i < rows * cols; i++) {
                double z = x[xOff + i];
                y[yOff + i] = (float) (z * sigmoid(z));
            }
        }

        @Override
        public void backward(int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                             float[] dy, int dyOff, float[] dx, int dxOff) {
            for (int i = 0; i < rows * cols; i++) {
                double z = x[xOff + i];
                double s = sigmoid(z);
                dx[dxOff + i] = (float) (dy[dyOff + i] * (s + z * s * (1 - s)));
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOnEveryBackend() {
        for (Backend backend : Backends.available()) {
            check(backend, false);
            check(backend, true);
        }
    }

    private static void check(Backend backend, boolean asLayer) {
        Sequential model = new Sequential().seed(5).backend(backend);
        if (asLayer) {
            model.add(new Dense(5).inputDim(3));
            model.add(new ActivationLayer(new Swish()));
        } else {
            model.add(new Dense(5, new Swish()).inputDim(3));
        }
        model.add(new Dense(2));
        model.compile("mse", "sgd");
        SplittableRandom r = new SplittableRandom(9);
        float[][] x = new float[4][3];
        float[][] y = new float[4][2];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextDouble(-2, 2);
            }
        }
        for (float[] row : y) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextDouble(-1, 1);
            }
        }
        float[] analytic = model.gradients(x, y).parameters();
        float[] theta = model.getParameters();
        double h = 1e-2; // float loss: a wide step keeps rounding (1e-7 / h) below the O(h²) truncation
        for (int i = 0; i < theta.length; i++) {
            float keep = theta[i];
            theta[i] = (float) (keep + h);
            model.setParameters(theta);
            double up = model.gradients(x, y).meanLoss();
            theta[i] = (float) (keep - h);
            model.setParameters(theta);
            double down = model.gradients(x, y).meanLoss();
            theta[i] = keep;
            model.setParameters(theta);
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, analytic[i], 2e-3 * Math.max(1, Math.abs(numeric)),
                    backend.name() + (asLayer ? " activation layer" : " dense") + ", parameter " + i);
        }
    }
}
