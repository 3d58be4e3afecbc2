package dev.vectornn.properties;

import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.PropertySettings;
import dev.vectornn.testkit.ReferenceNetwork;
import dev.vectornn.testkit.ReferenceNetwork.LossKind;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lecture's backpropagation by the chain rule, as a property of random 2-2-2 sigmoid networks
 * trained on one sample with squared error.
 *
 * <p>The lecture's error is {@code E = ½ Σ_o (t_o − y_o)²}. Keras' (and vectornn's) mean squared
 * error averages over the outputs, {@code (1/2) Σ_o (y_o − t_o)²} for two outputs: the same
 * function, so {@code ∂E/∂y_o = y_o − t_o} with no stray factor (the kernel's {@code 2 (y − t) /
 * (cols · rows)} is exactly {@code y − t} for 2 outputs and 1 sample). The property checks that
 * too. With {@code δ_o = (y_o − t_o) y_o (1 − y_o)}:
 * <ul>
 *   <li>output weight {@code h → o}: {@code ∂E/∂w = δ_o · y_h}; output bias: {@code δ_o};</li>
 *   <li>hidden weight {@code i → h}: {@code ∂E/∂w = (δ_1 w_{h→1} + δ_2 w_{h→2}) · y_h (1 − y_h) · x_i},
 *       the sum over both paths from {@code h} to the error; hidden bias: the same without {@code x_i}.</li>
 * </ul>
 * Weight {@code i → j} of layer {@code l} is parameter {@code layerParameterOffset(l) + i·2 + j}
 * (Keras' kernel layout {@code [in, out]}), the bias of unit {@code j} is at {@code offset + 4 + j}.
 * Tolerance: the float gradient of such a tiny network is within a few ulps of the exact one;
 * {@code 1e-7 + 1e-5 |expected|} leaves a wide margin.
 */
class LectureDerivationPropertyTest {

    static final int EXAMPLES = 200;

    static Gen<Scenario> lectureNetworks(Backend b) {
        return in -> {
            ReferenceNetwork net = new ReferenceNetwork(new int[] {2, 2, 2},
                    new Activation[] {Activation.SIGMOID, Activation.SIGMOID}, LossKind.MEAN_SQUARED_ERROR);
            float[] params = new float[net.parameterCount()];
            for (int k = 0; k < params.length; k++) {
                params[k] = (float) (2 * Scenarios.unit(in));
            }
            float[][] t = {{in.next(Constraint.between(0, 1000)) / 1000f, in.next(Constraint.between(0, 1000)) / 1000f}};
            return new Scenario(b, net, params, Scenarios.matrix(in, 1, 2, 1), t);
        };
    }

    @Test
    void gradientsAreTheLecturesChainRule() {
        for (Backend b : TestBackends.all()) {
            PropertySettings.qt(EXAMPLES).forAll(lectureNetworks(b)).checkAssert(s -> {
                Sequential m = s.model("sgd");
                Sequential.Gradients g = m.gradients(s.x(), s.t());
                float[] w = s.params();
                double[] x = ReferenceNetwork.toDouble(s.x()[0]);
                double[] t = ReferenceNetwork.toDouble(s.t()[0]);
                int hid = m.layerParameterOffset(0);
                int out = m.layerParameterOffset(1);
                double[] yh = new double[2];
                double[] yo = new double[2];
                for (int h = 0; h < 2; h++) {
                    yh[h] = sigmoid(x[0] * w[hid + h] + x[1] * w[hid + 2 + h] + w[hid + 4 + h]);
                }
                for (int o = 0; o < 2; o++) {
                    yo[o] = sigmoid(yh[0] * w[out + o] + yh[1] * w[out + 2 + o] + w[out + 4 + o]);
                }
                double lectureError = 0.5 * ((t[0] - yo[0]) * (t[0] - yo[0]) + (t[1] - yo[1]) * (t[1] - yo[1]));
                assertEquals(lectureError, g.meanLoss(), 1e-7 + 1e-5 * lectureError, "Keras' MSE on 2 outputs is the lecture's E");
                double[] delta = new double[2];
                for (int o = 0; o < 2; o++) {
                    delta[o] = (yo[o] - t[o]) * yo[o] * (1 - yo[o]);
                }
                for (int h = 0; h < 2; h++) {
                    for (int o = 0; o < 2; o++) {
                        assertClose(delta[o] * yh[h], g.parameters()[out + h * 2 + o], "output weight " + h + "→" + o);
                    }
                }
                for (int o = 0; o < 2; o++) {
                    assertClose(delta[o], g.parameters()[out + 4 + o], "output bias " + o);
                }
                for (int h = 0; h < 2; h++) {
                    double back = (delta[0] * w[out + h * 2] + delta[1] * w[out + h * 2 + 1]) * yh[h] * (1 - yh[h]);
                    for (int i = 0; i < 2; i++) {
                        assertClose(back * x[i], g.parameters()[hid + i * 2 + h], "hidden weight " + i + "→" + h);
                    }
                    assertClose(back, g.parameters()[hid + 4 + h], "hidden bias " + h);
                }
            });
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static void assertClose(double expected, float actual, String what) {
        assertTrue(Math.abs(actual - expected) <= 1e-7 + 1e-5 * Math.abs(expected),
                what + ": backpropagation gives " + actual + ", the lecture's chain rule " + expected);
    }
}
