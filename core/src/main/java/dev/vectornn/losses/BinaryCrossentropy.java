package dev.vectornn.losses;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

import java.util.List;
import java.util.Map;

/**
 * Binary cross-entropy per output, averaged over outputs; fuses with sigmoid.
 *
 * <p>Keras' settings: {@code from_logits} (default false) means the model's last layer is linear
 * and the loss applies the sigmoid itself, stably ({@code max(z, 0) − z·t + log1p(e^(−|z|))});
 * {@code label_smoothing} ({@code s}, default 0) trains against {@code t · (1 − s) + s / 2}. With
 * the defaults the backend's kernel computes it; otherwise a plain loop in core does.
 */
public final class BinaryCrossentropy extends CrossEntropyLoss {

    /** Probabilities, no smoothing: Keras' defaults. */
    public BinaryCrossentropy() {
        this(false, 0.0);
    }

    /**
     * @throws IllegalArgumentException if {@code labelSmoothing} is not in {@code [0, 1]}
     */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        super(fromLogits, labelSmoothing);
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public List<String> aliases() {
        return List.of("bce");
    }

    @Override
    public Loss withConfig(Map<String, Object> config) {
        var c = read(name(), config, true);
        return new BinaryCrossentropy(fromLogits(c), labelSmoothing(c));
    }

    @Override
    public AccuracyKind accuracyKind() {
        return AccuracyKind.BINARY;
    }

    @Override
    public boolean fusesWith(Activation outputActivation) {
        return !fromLogits && outputActivation == Activation.SIGMOID;
    }

    @Override
    public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        if (plain()) {
            return k.binaryCrossEntropy(rows, cols, y, yOff, t, tOff, grad, gOff, fused);
        }
        return CrossEntropyMath.binary(rows, cols, y, yOff, t, tOff, grad, gOff, input(fused),
                labelSmoothing);
    }
}
