package dev.vectornn.examples;

import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Layer;
import dev.vectornn.layers.LayerCall;
import dev.vectornn.losses.MeanSquaredError;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Backpropagation by the chain rule, step by step, on the lecture's 2-2-2 sigmoid network with
 * the classic numbers of Matt Mazur's worked example ("A Step by Step Backpropagation Example").
 *
 * <p>Every number printed is computed by the library: the forward pass by the model's own layers
 * (and {@link Sequential#predict}), the chain-rule factors by the backend's loss and activation
 * kernels, the gradients by {@link Sequential#gradients} and the updated weights by
 * {@link Sequential#applyGradients} with plain SGD. The example only multiplies the factors to show
 * that their product is what the backward pass computed.
 *
 * <p>Numbering as in the lecture: inputs {@code x1, x2}; hidden neurons 1 and 2; output neurons 3
 * and 4. {@code w_ji} is the weight from neuron (or input) {@code i} into neuron {@code j}, so
 * {@code w31} joins hidden neuron 1 to output neuron 3 ({@code y_o1}) and {@code w11} joins input
 * 1 to hidden neuron 1. In the library a Dense kernel has Keras' shape {@code [in, out]}, stored
 * row-major then the bias, so {@code w_ji} lies at {@code layerParameterOffset(layer) + i·out + j}
 * (indices from 0).
 */
@Command(name = "backprop", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The chain rule step by step on the lecture's 2-2-2 sigmoid network (Mazur's numbers).")
public final class Backprop implements Callable<Integer> {

    /** The inputs, weights, biases and targets of Mazur's worked example. */
    static final float[] X = {0.05f, 0.10f};
    static final float[] TARGET = {0.01f, 0.99f};
    /** Hidden kernel [in=2, out=2] row-major: row i holds the weights out of input i (w11, w21 / w12, w22). */
    static final float[] HIDDEN_KERNEL = {0.15f, 0.25f, 0.20f, 0.30f};
    static final float HIDDEN_BIAS = 0.35f;
    /** Output kernel [in=2, out=2] row-major: row i holds the weights out of hidden neuron i (w31, w41 / w32, w42). */
    static final float[] OUTPUT_KERNEL = {0.40f, 0.50f, 0.45f, 0.55f};
    static final float OUTPUT_BIAS = 0.60f;

    @Option(names = "--learning-rate", description = "SGD learning rate η (default: ${DEFAULT-VALUE}, as Mazur).")
    double learningRate = 0.5;

    /** The forward pass: weighted sums and outputs of both layers, and the loss. */
    public record Forward(float[] netHidden, float[] hidden, float[] netOutput, float[] output, float[] predicted,
                          double loss) {
    }

    /** The three chain-rule factors of {@code dE/dw31}, their product, the library's gradient and the update. */
    public record OutputWeight(float dErrorDOutput, float dOutputDNet, float dNetDWeight, float product,
                               float libraryGradient, float weight, float updated, float libraryUpdated) {
    }

    /**
     * {@code dE/dw11}: the two paths through {@code y_o1} and {@code y_o2} summed into
     * {@code dE/dy_h1}, then the hidden neuron's two local factors.
     */
    public record HiddenWeight(float deltaO1, float w31, float pathO1, float deltaO2, float w41, float pathO2,
                               float dErrorDHidden, float libraryDErrorDHidden, float dHiddenDNet, float dNetDWeight,
                               float product, float libraryGradient, float weight, float updated, float libraryUpdated) {
    }

    /** Everything the example prints. */
    public record Result(Forward forward, OutputWeight w31, HiddenWeight w11, float[] lossGradient) {
    }

    @Override
    public Integer call() {
        run(PlainText.stdout());
        return 0;
    }

    /** The lecture's network with Mazur's weights, compiled with squared error and SGD. */
    Sequential network() {
        Sequential model = new Sequential(new Dense(2, "sigmoid").inputDim(2), new Dense(2, "sigmoid"));
        model.compile(new MeanSquaredError(), new Sgd(learningRate));
        float[] p = new float[model.parameterCount()];
        int hidden = model.layerParameterOffset(0);
        int output = model.layerParameterOffset(1);
        System.arraycopy(HIDDEN_KERNEL, 0, p, hidden, 4);
        p[hidden + 4] = HIDDEN_BIAS;
        p[hidden + 5] = HIDDEN_BIAS;
        System.arraycopy(OUTPUT_KERNEL, 0, p, output, 4);
        p[output + 4] = OUTPUT_BIAS;
        p[output + 5] = OUTPUT_BIAS;
        model.setParameters(p);
        return model;
    }

    /** Runs the example, printing to {@code out}. */
    public Result run(PrintStream out) {
        Sequential model = network();
        Kernels k = model.backend().kernels();
        float[] params = model.getParameters();
        Layer hiddenLayer = model.layers().get(0);
        Layer outputLayer = model.layers().get(1);
        int hiddenOff = model.layerParameterOffset(0);
        int outputOff = model.layerParameterOffset(1);
        int w31 = outputOff; // kernel row 0 (hidden 1), column 0 (output 1)
        int w41 = outputOff + 1; // kernel row 0 (hidden 1), column 1 (output 2)
        int w11 = hiddenOff; // kernel row 0 (input 1), column 0 (hidden 1)

        // ---- forward pass, layer by layer with the model's own layers; the linear twin gives the sums.
        float[] netHidden = new float[2];
        float[] hidden = new float[2];
        float[] netOutput = new float[2];
        float[] output = new float[2];
        ((Dense) hiddenLayer).activation("linear").forward(new LayerCall(k, 2, params, hiddenOff, X, netHidden).rows(1));
        hiddenLayer.forward(new LayerCall(k, 2, params, hiddenOff, X, hidden).rows(1));
        ((Dense) outputLayer).activation("linear").forward(new LayerCall(k, 2, params, outputOff, hidden, netOutput).rows(1));
        outputLayer.forward(new LayerCall(k, 2, params, outputOff, hidden, output).rows(1));
        float[] predicted = model.predict(X);
        double loss = model.evaluate(new float[][] {X}, new float[][] {TARGET}).loss();
        Forward forward = new Forward(netHidden, hidden, netOutput, output, predicted, loss);

        // ---- the local derivatives, from the backend's loss and activation kernels.
        float[] dErrorDOutput = new float[2];
        k.meanSquaredError(1, 2, output, 0, TARGET, 0, dErrorDOutput, 0); // (2/n)(y - t) with n = 2
        float[] ones = {1f, 1f};
        float[] dOutputDNet = new float[2];
        k.activationBackward(Activation.SIGMOID, 1, 2, output, 0, ones, 0, dOutputDNet, 0); // y (1 - y)
        float[] dHiddenDNet = new float[2];
        k.activationBackward(Activation.SIGMOID, 1, 2, hidden, 0, ones, 0, dHiddenDNet, 0);
        // dE/dy_h from the output layer's own backward pass (both paths summed by the library).
        float[] dy = dErrorDOutput.clone();
        float[] scratchGrads = new float[params.length];
        float[] dErrorDHidden = new float[2];
        outputLayer.backward(new LayerCall(k, 2, params, outputOff, hidden, output).rows(1)
                .backward(dy, false, scratchGrads, dErrorDHidden));

        // ---- the whole backward pass and one SGD step, as training does them.
        float[] gradient = model.gradients(new float[][] {X}, new float[][] {TARGET}).parameters();
        model.applyGradients(gradient);
        float[] updated = model.getParameters();
        float lr = (float) learningRate;

        float product31 = dErrorDOutput[0] * dOutputDNet[0] * hidden[0];
        OutputWeight step31 = new OutputWeight(dErrorDOutput[0], dOutputDNet[0], hidden[0], product31,
                gradient[w31], params[w31], params[w31] - lr * product31, updated[w31]);

        float deltaO1 = dErrorDOutput[0] * dOutputDNet[0];
        float deltaO2 = dErrorDOutput[1] * dOutputDNet[1];
        float pathO1 = deltaO1 * params[w31];
        float pathO2 = deltaO2 * params[w41];
        float dEdyH1 = pathO1 + pathO2;
        float product11 = dEdyH1 * dHiddenDNet[0] * X[0];
        HiddenWeight step11 = new HiddenWeight(deltaO1, params[w31], pathO1, deltaO2, params[w41], pathO2,
                dEdyH1, dErrorDHidden[0], dHiddenDNet[0], X[0], product11, gradient[w11], params[w11],
                params[w11] - lr * product11, updated[w11]);

        Result result = new Result(forward, step31, step11, dErrorDOutput);
        print(out, result, model);
        return result;
    }

    private void print(PrintStream out, Result r, Sequential model) {
        Forward f = r.forward();
        out.println("Backpropagation step by step: the lecture's 2-2-2 network, sigmoid everywhere, squared error.");
        out.println("Numbers from Matt Mazur's worked example; every value below is computed by vectornn on the '"
                + model.backend().name() + "' backend.");
        out.println("Neurons: inputs x1, x2; hidden 1, 2 (outputs y_h1, y_h2); output 3, 4 (outputs y_o1, y_o2).");
        out.println("w_ji is the weight from i into j: w31 joins hidden 1 to output 3, w11 joins input 1 to hidden 1.");
        out.println();
        out.printf("Inputs x = (%.2f, %.2f), targets y_t = (%.2f, %.2f), learning rate η = %s%n",
                X[0], X[1], TARGET[0], TARGET[1], learningRate);
        out.printf("Hidden: w11 = %.2f, w12 = %.2f, w21 = %.2f, w22 = %.2f, bias %.2f%n",
                HIDDEN_KERNEL[0], HIDDEN_KERNEL[2], HIDDEN_KERNEL[1], HIDDEN_KERNEL[3], HIDDEN_BIAS);
        out.printf("Output: w31 = %.2f, w32 = %.2f, w41 = %.2f, w42 = %.2f, bias %.2f%n",
                OUTPUT_KERNEL[0], OUTPUT_KERNEL[2], OUTPUT_KERNEL[1], OUTPUT_KERNEL[3], OUTPUT_BIAS);
        out.println();
        out.println("Forward pass (the model's own layers; the outputs are model.predict's):");
        for (int j = 0; j < 2; j++) {
            out.printf("  net%d = w%d1·x1 + w%d2·x2 + b = %s    y_h%d = σ(net%d) = %s%n",
                    j + 1, j + 1, j + 1, fmt(f.netHidden()[j]), j + 1, j + 1, fmt(f.hidden()[j]));
        }
        for (int j = 0; j < 2; j++) {
            out.printf("  net%d = w%d1·y_h1 + w%d2·y_h2 + b = %s    y_o%d = σ(net%d) = %s%n",
                    j + 3, j + 3, j + 3, fmt(f.netOutput()[j]), j + 1, j + 3, fmt(f.predicted()[j]));
        }
        out.printf("  E = ½ Σ (y_t − y_o)² = %s%n", fmt(f.loss()));
        out.println();
        out.println("Loss scaling: vectornn's mean_squared_error is Keras', the mean over the n outputs, (1/n) Σ (y − y_t)²,");
        out.println("whose gradient is (2/n)(y − y_t); the lecture's E = ½ Σ (y_t − y)² has gradient (y − y_t).");
        out.println("With n = 2 outputs the two losses and their gradients are equal, so the numbers below are the lecture's.");
        out.println();

        OutputWeight o = r.w31();
        out.println("Output weight w31 (hidden 1 -> output 3): dE/dw31 = dE/dy_o1 · dy_o1/dnet3 · dnet3/dw31");
        out.printf("  (1) dE/dy_o1    = y_o1 − y_t1      = %s − %.2f = %s   (the loss kernel's gradient)%n",
                fmt(f.predicted()[0]), TARGET[0], fmt(o.dErrorDOutput()));
        out.printf("  (2) dy_o1/dnet3 = y_o1 (1 − y_o1)  = %s   (the sigmoid kernel's derivative)%n", fmt(o.dOutputDNet()));
        out.printf("  (3) dnet3/dw31  = y_h1             = %s   (the forward pass)%n", fmt(o.dNetDWeight()));
        out.printf("  dE/dw31 = (1)·(2)·(3) = %s;  the library's backward pass (Sequential.gradients): %s%n",
                fmt(o.product()), fmt(o.libraryGradient()));
        out.printf("  w31 − η·dE/dw31 = %s − %s·%s = %s;  after applyGradients (SGD): %s%n",
                fmt(o.weight()), learningRate, fmt(o.product()), fmt(o.updated()), fmt(o.libraryUpdated()));
        out.println();

        HiddenWeight h = r.w11();
        out.println("Hidden weight w11 (input 1 -> hidden 1): y_h1 feeds both outputs, so both paths are summed:");
        out.println("  dE/dw11 = [dE/dy_o1 · dy_o1/dnet3 · w31 + dE/dy_o2 · dy_o2/dnet4 · w41] · dy_h1/dnet1 · dnet1/dw11");
        out.printf("  path through y_o1: δ3 · w31 = %s · %s = %s%n", fmt(h.deltaO1()), fmt(h.w31()), fmt(h.pathO1()));
        out.printf("  path through y_o2: δ4 · w41 = %s · %s = %s%n", fmt(h.deltaO2()), fmt(h.w41()), fmt(h.pathO2()));
        out.printf("  dE/dy_h1 = sum = %s;  the output layer's backward pass: %s%n",
                fmt(h.dErrorDHidden()), fmt(h.libraryDErrorDHidden()));
        out.printf("  dy_h1/dnet1 = y_h1 (1 − y_h1) = %s%n", fmt(h.dHiddenDNet()));
        out.printf("  dnet1/dw11  = x1              = %s%n", fmt(h.dNetDWeight()));
        out.printf("  dE/dw11 = %s;  the library's backward pass: %s%n", fmt(h.product()), fmt(h.libraryGradient()));
        out.printf("  w11 − η·dE/dw11 = %s − %s·%s = %s;  after applyGradients (SGD): %s%n",
                fmt(h.weight()), learningRate, fmt(h.product()), fmt(h.updated()), fmt(h.libraryUpdated()));
    }

    private static String fmt(double v) {
        return String.format("%.7g", v);
    }
}
