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
public final class SparseCategoricalCrossentropy implements Loss {
    private final CrossEntropySettings settings;

    /** Probabilities: Keras' default. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this.settings = new CrossEntropySettings("sparse_categorical_crossentropy", fromLogits, 0.0);
    }

    public boolean fromLogits() {
        return settings.fromLogits;
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
    public Map<String, Object> config() {
        return settings.config();
    }

    @Override
    public Loss withConfig(Map<String, Object> config) {
        return new SparseCategoricalCrossentropy(CrossEntropySettings.read(name(), config, false).fromLogits);
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
        return !settings.fromLogits && outputActivation == Activation.SOFTMAX;
    }

    @Override
    public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        if (settings.plain()) {
            return k.sparseCategoricalCrossEntropy(rows, cols, y, yOff, t, tOff, grad, gOff, fused);
        }
        return CrossEntropyMath.categorical(rows, cols, y, yOff, t, tOff, true, grad, gOff, settings.input(fused), 0.0);
    }

    @Override
    public String toString() {
        return "SparseCategoricalCrossentropy(" + settings.describe() + ")";
    }
}
