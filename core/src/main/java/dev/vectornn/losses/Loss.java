package dev.vectornn.losses;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;

import dev.vectornn.spi.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * A loss function, found by name with {@link java.util.ServiceLoader} (see {@link Losses}).
 *
 * <p>Keras semantics: the per-sample loss is averaged over the samples of a batch, and the
 * gradient that {@link #compute} writes is the gradient of that batch mean.
 *
 * <p>A loss may <em>fuse</em> its gradient with the model's last activation
 * ({@link #fusesWith}): softmax followed by cross-entropy has the simple, stable gradient
 * {@code p − t} with respect to the logits, where the unfused chain would divide by a
 * probability that may be tiny. The model asks once, at compile time.
 *
 * <p>To add a loss, implement this interface with a public no-argument constructor and list it
 * in {@code META-INF/services/dev.vectornn.losses.Loss}. A loss with settings (Huber's
 * {@code delta} ...) returns them from {@link #config()} and rebuilds itself in
 * {@link #withConfig}, so that a saved model loads with the same settings; read the map with
 * {@link ConfigMap}, which documents the value types a saved file gives back.
 */
public interface Loss {

    /** The Keras name, e.g. {@code "mean_squared_error"}. */
    String name();

    /** Other names, e.g. {@code "mse"}. Case and underscores never matter when looking up. */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * The settings as JSON-like values ({@code {"delta": 0.05}}), stored in a saved model; empty
     * (the default) for a loss without settings. {@code withConfig(config())} must give an equal loss.
     */
    default Map<String, Object> config() {
        return Map.of();
    }

    /**
     * A loss of this kind with the settings in {@code config}, as {@link #config()} wrote them
     * (whole numbers may arrive as {@code Long} or {@code Integer}, see {@link ConfigMap}). The
     * default accepts only an empty map.
     *
     * @throws IllegalArgumentException for an unknown key or a value out of range, naming it
     */
    default Loss withConfig(Map<String, Object> config) {
        ConfigMap.of(name() + " config", config).checkKeys();
        return this;
    }

    /** Width of one target row for a model output of {@code outputWidth} (1 for sparse labels). */
    default int targetWidth(int outputWidth) {
        return outputWidth;
    }

    /**
     * Which accuracy {@code "accuracy"} means for a model trained with this loss, as Keras
     * resolves it: {@link AccuracyKind#CATEGORICAL} for one-hot targets, {@link AccuracyKind#SPARSE}
     * for integer labels, {@link AccuracyKind#BINARY} for 0/1 targets per output, or
     * {@link AccuracyKind#NONE} (the default) when the loss implies none (say, mean squared
     * error): the form is then chosen from the target and output widths.
     */
    default AccuracyKind accuracyKind() {
        return AccuracyKind.NONE;
    }

    /** The accuracy a loss's targets call for; see {@link #accuracyKind()}. */
    enum AccuracyKind {
        /** Arg-max of the output against arg-max of a one-hot (or soft) target row. */
        CATEGORICAL,
        /** Arg-max of the output against an integer class label. */
        SPARSE,
        /** Each output thresholded at 0.5 against its 0/1 target. */
        BINARY,
        /** The loss implies no kind; it is chosen from the shapes. */
        NONE
    }

    /** True if {@link #compute} can give the gradient with respect to the input of {@code outputActivation}. */
    default boolean fusesWith(Activation outputActivation) {
        return false;
    }

    /**
     * Computes the loss of {@code rows} samples.
     *
     * @param y     model outputs, {@code rows × cols}
     * @param t     targets, {@code rows × targetWidth(cols)}
     * @param grad  where to write the gradient of the batch-mean loss ({@code rows × cols}), or null
     * @param fused true if the gradient must be taken with respect to the pre-activation of the
     *              output activation (only when {@link #fusesWith} said so)
     * @return the <em>sum</em> over rows of the per-sample loss
     */
    float compute(Kernels kernels, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                  float[] grad, int gOff, boolean fused);
}
