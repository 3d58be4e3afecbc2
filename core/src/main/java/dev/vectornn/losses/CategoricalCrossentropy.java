package dev.vectornn.losses;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

import java.util.List;
import java.util.Map;

/**
 * Cross-entropy against one-hot (or soft) targets, {@code −Σ t log p}; fuses with softmax.
 *
 * <p>Keras' settings: {@code from_logits} (default false) means the model's last layer is linear
 * and the loss applies the softmax itself, stably (log-sum-exp); {@code label_smoothing}
 * ({@code s}, default 0) trains against {@code t · (1 − s) + s / classes}. With the defaults the
 * backend's kernel computes it; otherwise a plain loop in core does.
 *
 * <pre>{@code
 * model.add(new Dense(3));   // linear: logits
 * model.compile(new CategoricalCrossentropy(true, 0.1), new Adam(0.01), "accuracy");
 * }</pre>
 */
public final class CategoricalCrossentropy extends CrossEntropyLoss {

    /** Probabilities, no smoothing: Keras' defaults. */
    public CategoricalCrossentropy() {
        this(false, 0.0);
    }

    /**
     * @throws IllegalArgumentException if {@code labelSmoothing} is not in {@code [0, 1]}
     */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        super(fromLogits, labelSmoothing);
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public List<String> aliases() {
        return List.of("cce");
    }

    @Override
    public Loss withConfig(Map<String, Object> config) {
        var c = read(name(), config, true);
        return new CategoricalCrossentropy(fromLogits(c), labelSmoothing(c));
    }

    @Override
    public AccuracyKind accuracyKind() {
        return AccuracyKind.CATEGORICAL;
    }

    @Override
    public boolean fusesWith(Activation outputActivation) {
        return !fromLogits && outputActivation == Activation.SOFTMAX;
    }

    @Override
    public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        if (plain()) {
            return k.categoricalCrossEntropy(rows, cols, y, yOff, t, tOff, grad, gOff, fused);
        }
        return CrossEntropyMath.categorical(rows, cols, y, yOff, t, tOff, false, grad, gOff, input(fused),
                labelSmoothing);
    }
}
