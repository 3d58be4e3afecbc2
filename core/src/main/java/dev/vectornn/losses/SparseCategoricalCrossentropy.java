package dev.vectornn.losses;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

import java.util.List;
import java.util.Map;

/**
 * Cross-entropy against integer class labels (one target column); fuses with softmax.
 *
 * <p>Keras' {@code from_logits} (default false) means the model's last layer is linear and the
 * loss applies the softmax itself, stably. Keras' sparse loss has no {@code label_smoothing}, and
 * neither has this one.
 */
public final class SparseCategoricalCrossentropy extends CrossEntropyLoss {

    /** Probabilities: Keras' default. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        super(fromLogits, 0.0);
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public List<String> aliases() {
        return List.of("scce");
    }

    @Override
    public Loss withConfig(Map<String, Object> config) {
        return new SparseCategoricalCrossentropy(fromLogits(read(name(), config, false)));
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
        return !fromLogits && outputActivation == Activation.SOFTMAX;
    }

    @Override
    public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        if (plain()) {
            return k.sparseCategoricalCrossEntropy(rows, cols, y, yOff, t, tOff, grad, gOff, fused);
        }
        return CrossEntropyMath.categorical(rows, cols, y, yOff, t, tOff, true, grad, gOff, input(fused), 0.0);
    }
}
