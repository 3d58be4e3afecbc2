package dev.vectornn.properties;

import dev.vectornn.spi.Activation;
import dev.vectornn.testkit.ReferenceNetwork.LossKind;

import java.util.ArrayList;
import java.util.List;

/** A hidden activation, an output activation and a loss that make sense together. */
record Combo(Activation hidden, Activation output, LossKind loss) {

    static final List<Activation> HIDDEN = List.of(Activation.RELU, Activation.SIGMOID, Activation.TANH, Activation.LINEAR);
    static final List<Activation> OUTPUT = List.of(Activation.SOFTMAX, Activation.SIGMOID, Activation.LINEAR);

    /**
     * Every sensible combination: mean squared error after any output; (sparse) categorical
     * cross-entropy after softmax; binary cross-entropy after sigmoid. 24 in all.
     */
    static List<Combo> all() {
        List<Combo> all = new ArrayList<>();
        for (Activation h : HIDDEN) {
            for (Activation o : OUTPUT) {
                all.add(new Combo(h, o, LossKind.MEAN_SQUARED_ERROR));
                if (o == Activation.SOFTMAX) {
                    all.add(new Combo(h, o, LossKind.CATEGORICAL_CROSSENTROPY));
                    all.add(new Combo(h, o, LossKind.SPARSE_CATEGORICAL_CROSSENTROPY));
                }
                if (o == Activation.SIGMOID) {
                    all.add(new Combo(h, o, LossKind.BINARY_CROSSENTROPY));
                }
            }
        }
        return List.copyOf(all);
    }

    /** The smallest output width the combination allows (softmax and class labels need two classes). */
    int minOutputs() {
        return output == Activation.SOFTMAX ? 2 : 1;
    }

    @Override
    public String toString() {
        return hidden.name() + " hidden, " + output.name() + " output, " + loss.kerasName();
    }
}
