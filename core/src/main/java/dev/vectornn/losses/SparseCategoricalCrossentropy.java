package dev.vectornn.losses;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

import java.util.List;

/** Cross-entropy against integer class labels (one target column); fuses with softmax. */
public final class SparseCategoricalCrossentropy implements Loss {
    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public List<String> aliases() {
        return List.of("scce");
    }

    @Override
    public int targetWidth(int outputWidth) {
        return 1;
    }

    @Override
    public AccuracyKind accuracyKind() {
        return AccuracyKind.SPARSE;
    }

    @Override
    public boolean fusesWith(Activation outputActivation) {
        return outputActivation == Activation.SOFTMAX;
    }

    @Override
    public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        return k.sparseCategoricalCrossEntropy(rows, cols, y, yOff, t, tOff, grad, gOff, fused);
    }
}
