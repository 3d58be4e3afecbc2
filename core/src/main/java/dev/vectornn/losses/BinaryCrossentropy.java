package dev.vectornn.losses;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

import java.util.List;

/** Binary cross-entropy per output, averaged over outputs; fuses with sigmoid. */
public final class BinaryCrossentropy implements Loss {
    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public List<String> aliases() {
        return List.of("bce");
    }

    @Override
    public AccuracyKind accuracyKind() {
        return AccuracyKind.BINARY;
    }

    @Override
    public boolean fusesWith(Activation outputActivation) {
        return outputActivation == Activation.SIGMOID;
    }

    @Override
    public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        return k.binaryCrossEntropy(rows, cols, y, yOff, t, tOff, grad, gOff, fused);
    }
}
