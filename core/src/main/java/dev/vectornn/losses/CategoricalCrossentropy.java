package dev.vectornn.losses;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

import java.util.List;

/** Cross-entropy against one-hot (or soft) targets, {@code −Σ t log p}; fuses with softmax. */
public final class CategoricalCrossentropy implements Loss {
    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public List<String> aliases() {
        return List.of("cce");
    }

    @Override
    public AccuracyKind accuracyKind() {
        return AccuracyKind.CATEGORICAL;
    }

    @Override
    public boolean fusesWith(Activation outputActivation) {
        return outputActivation == Activation.SOFTMAX;
    }

    @Override
    public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        return k.categoricalCrossEntropy(rows, cols, y, yOff, t, tOff, grad, gOff, fused);
    }
}
