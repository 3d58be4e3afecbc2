package dev.vectornn.examples;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.vectornn.examples.Backprop.HIDDEN_BIAS;
import static dev.vectornn.examples.Backprop.OUTPUT_BIAS;
import static dev.vectornn.examples.Backprop.TARGET;
import static dev.vectornn.examples.Backprop.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every number the backprop example prints, against the lecture's hand formulas evaluated here in
 * double precision from the same inputs and weights, to float precision; and against Mazur's
 * published figures.
 */
class BackpropTest {

    private static Backprop.Result r;
    private static String text;

    // The hand computation, in double, with the lecture's notation.
    private static final double W11 = 0.15, W12 = 0.20, W21 = 0.25, W22 = 0.30;
    private static final double W31 = 0.40, W32 = 0.45, W41 = 0.50, W42 = 0.55;
    private static double net1, net2, yh1, yh2, net3, net4, yo1, yo2;

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @BeforeAll
    static void run() {
        Output out = new Output();
        r = new Backprop().run(out.stream);
        text = out.text();
        double x1 = X[0], x2 = X[1];
        net1 = W11 * x1 + W12 * x2 + HIDDEN_BIAS;
        net2 = W21 * x1 + W22 * x2 + HIDDEN_BIAS;
        yh1 = sigmoid(net1);
        yh2 = sigmoid(net2);
        net3 = W31 * yh1 + W32 * yh2 + OUTPUT_BIAS;
        net4 = W41 * yh1 + W42 * yh2 + OUTPUT_BIAS;
        yo1 = sigmoid(net3);
        yo2 = sigmoid(net4);
    }

    /** Float precision: about 8 ulps relative to the value, with a floor for values near 0. */
    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.abs(expected) + 1e-9, what);
    }

    @Test
    void forwardPassIsTheHandFormula() {
        Backprop.Forward f = r.forward();
        close(net1, f.netHidden()[0], "net1");
        close(net2, f.netHidden()[1], "net2");
        close(yh1, f.hidden()[0], "y_h1");
        close(yh2, f.hidden()[1], "y_h2");
        close(net3, f.netOutput()[0], "net3");
        close(net4, f.netOutput()[1], "net4");
        close(yo1, f.output()[0], "y_o1");
        close(yo2, f.output()[1], "y_o2");
        // The layer-by-layer pass and model.predict are the same computation.
        assertEquals(f.output()[0], f.predicted()[0], 0f);
        assertEquals(f.output()[1], f.predicted()[1], 0f);
        double e = 0.5 * (Math.pow(TARGET[0] - yo1, 2) + Math.pow(TARGET[1] - yo2, 2));
        close(e, f.loss(), "E");
    }

    @Test
    void outputWeightChainRuleFactorsProductAndUpdate() {
        Backprop.OutputWeight w = r.w31();
        double f1 = yo1 - TARGET[0];
        double f2 = yo1 * (1 - yo1);
        double f3 = yh1;
        close(f1, w.dErrorDOutput(), "(1) dE/dy_o1");
        close(f2, w.dOutputDNet(), "(2) dy_o1/dnet3");
        close(f3, w.dNetDWeight(), "(3) dnet3/dw31");
        close(f1 * f2 * f3, w.product(), "dE/dw31 as the product");
        close(f1 * f2 * f3, w.libraryGradient(), "dE/dw31 from Sequential.gradients");
        close(W31, w.weight(), "w31");
        close(W31 - 0.5 * f1 * f2 * f3, w.updated(), "w31 - lr * dE/dw31");
        close(W31 - 0.5 * f1 * f2 * f3, w.libraryUpdated(), "w31 after applyGradients");
        // The library's MSE gradient (2/n)(y - t) equals the lecture's (y - t) because n = 2.
        close(yo2 - TARGET[1], r.lossGradient()[1], "dE/dy_o2");
    }

    @Test
    void hiddenWeightSumsBothPaths() {
        Backprop.HiddenWeight w = r.w11();
        double delta3 = (yo1 - TARGET[0]) * yo1 * (1 - yo1);
        double delta4 = (yo2 - TARGET[1]) * yo2 * (1 - yo2);
        double dEdyh1 = delta3 * W31 + delta4 * W41;
        double g = dEdyh1 * yh1 * (1 - yh1) * X[0];
        close(delta3, w.deltaO1(), "δ3");
        close(delta4, w.deltaO2(), "δ4");
        close(W31, w.w31(), "w31");
        close(W41, w.w41(), "w41");
        close(delta3 * W31, w.pathO1(), "path through y_o1");
        close(delta4 * W41, w.pathO2(), "path through y_o2");
        close(dEdyh1, w.dErrorDHidden(), "dE/dy_h1 as the sum");
        close(dEdyh1, w.libraryDErrorDHidden(), "dE/dy_h1 from the output layer's backward pass");
        close(yh1 * (1 - yh1), w.dHiddenDNet(), "dy_h1/dnet1");
        close(X[0], w.dNetDWeight(), "dnet1/dw11");
        close(g, w.product(), "dE/dw11 as the product");
        close(g, w.libraryGradient(), "dE/dw11 from Sequential.gradients");
        close(W11 - 0.5 * g, w.updated(), "w11 - lr * dE/dw11");
        close(W11 - 0.5 * g, w.libraryUpdated(), "w11 after applyGradients");
    }

    @Test
    void agreesWithMazursPublishedFigures() {
        assertEquals(0.593269992, r.forward().hidden()[0], 1e-7);
        assertEquals(0.75136507, r.forward().output()[0], 1e-7);
        assertEquals(0.772928465, r.forward().output()[1], 1e-7);
        assertEquals(0.298371109, r.forward().loss(), 1e-7);
        assertEquals(0.082167041, r.w31().libraryGradient(), 1e-7);
        assertEquals(0.35891648, r.w31().libraryUpdated(), 1e-7);
        assertEquals(0.036350306, r.w11().libraryDErrorDHidden(), 1e-7);
        assertEquals(0.000438568, r.w11().libraryGradient(), 1e-8);
        assertEquals(0.149780716, r.w11().libraryUpdated(), 1e-7);
    }

    @Test
    void printsEachStepAndTheLossScalingNote() {
        for (String expected : new String[] {"(1) dE/dy_o1", "(2) dy_o1/dnet3", "(3) dnet3/dw31", "path through y_o1",
                "path through y_o2", "With n = 2 outputs the two losses and their gradients are equal",
                String.format("%.7g", r.w31().libraryGradient()), String.format("%.7g", r.w11().libraryUpdated())}) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
        }
    }
}
