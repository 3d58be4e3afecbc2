package dev.vectornn.layers;

import dev.vectornn.spi.Activation;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One layer of a model: an immutable description (type and configuration) that knows how to run
 * its forward and backward pass on a batch.
 *
 * <p>A layer owns no arrays. The model keeps every parameter of every layer in one flat
 * {@code float[]} and every activation in buffers it preallocates; a layer is handed its slice
 * ({@code params[pOff ..]}) and its input and output blocks. That is what lets one training step
 * allocate nothing, lets an optimizer update all parameters with one kernel call, and lets one
 * layer object be shared by threads that predict at the same time.
 *
 * <p>Activations are row-major {@code batch × width} blocks, rows contiguous (leading dimension
 * = width). A layer sees feature vectors only; the batch dimension is the model's business.
 *
 * <p>New layer kinds are registered by name through {@link dev.vectornn.layers.LayerType}, so that a
 * saved model that uses them can be loaded again.
 */
public abstract class Layer {

    /** A named parameter tensor of a layer, e.g. {@code kernel [4, 16]}. */
    public record ParameterSpec(String name, int... shape) {
        public ParameterSpec {
            shape = shape.clone();
        }

        /** Number of floats. */
        public int size() {
            long n = 1;
            for (int d : shape) {
                n *= d;
                if (n > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("Parameter '" + name + "' of shape " + java.util.Arrays.toString(shape)
                            + " has more values than a Java array holds (2^31 - 1)");
                }
            }
            return (int) n;
        }
    }

    /** The name this layer's type is registered under, e.g. {@code "dense"}. */
    public abstract String typeName();

    /**
     * The configuration that {@link dev.vectornn.layers.LayerType#create} turns back into an equal
     * layer: JSON-like values only (String, Number, Boolean).
     */
    public abstract Map<String, Object> config();

    /** The width of this layer's output for a given input width. */
    public abstract int outputWidth(int inputWidth);

    /** The input width this layer declares (Keras' {@code input_dim}), or -1 if it takes what it gets. */
    public int declaredInputWidth() {
        return -1;
    }

    /** The parameter tensors, in the order they lie in the layer's slice. Empty by default. */
    public List<ParameterSpec> parameters(int inputWidth) {
        return List.of();
    }

    /** Total number of parameters, the sum of {@link #parameters}' sizes. */
    public final int parameterCount(int inputWidth) {
        int n = 0;
        for (ParameterSpec p : parameters(inputWidth)) {
            n = Math.addExact(n, p.size());
        }
        return n;
    }

    /** Fills the layer's parameter slice with initial values. */
    public void initialize(int inputWidth, float[] params, int pOff, RandomGenerator random) {
    }

    // ------------------------------------------------------------------ non-trainable weights, regularization, constraints (issue #14)

    /**
     * The layer's non-trainable tensors (Keras' {@code non_trainable_weights}): values the layer
     * updates itself while training, as {@code BatchNormalization}'s moving statistics, or that data
     * sets, as an adapted {@code Normalization}'s mean and variance. The optimizer never sees them.
     * They are part of {@code Sequential.getParameters()}, saved and restored with the weights, but
     * the model keeps them all after every trainable parameter (see {@link LayerCall#nonTrainableOffset()}),
     * so an optimizer's single update over the trainable prefix cannot touch them. Empty by default.
     */
    public List<ParameterSpec> nonTrainableParameters(int inputWidth) {
        return List.of();
    }

    /** Total number of non-trainable values, the sum of {@link #nonTrainableParameters}' sizes. */
    public final int nonTrainableCount(int inputWidth) {
        int n = 0;
        for (ParameterSpec p : nonTrainableParameters(inputWidth)) {
            n = Math.addExact(n, p.size());
        }
        return n;
    }

    /** Fills the layer's non-trainable values, which start at {@code params[off]}, with their initial values. */
    public void initializeNonTrainable(int inputWidth, float[] params, int off) {
    }

    /**
     * Adds this layer's weight penalty (Keras' {@code kernel_regularizer}, {@code bias_regularizer})
     * to a step: adds {@code scale ×} its gradient into {@code grads} (laid out as {@code params},
     * this layer's slice at {@code pOff}; skipped when {@code grads} is null) and returns the
     * penalty, which the model adds to the mean loss. None by default. Allocates nothing.
     */
    public double regularize(int inputWidth, float[] params, int pOff, float[] grads, float scale) {
        return 0;
    }

    /**
     * The penalty on this layer's output (Keras' {@code activity_regularizer}), or null for none
     * (the default). The model adds {@code penalty(output) / rows} to the batch's mean loss and its
     * gradient to the gradient arriving at the output, as Keras 3 does (see
     * {@link Dense#activityRegularizer(Regularizer)}). A layer whose output is the model's output
     * and that has one is never fused with the loss, so the gradient reaching it is always with
     * respect to its output.
     */
    public Regularizer activityRegularizer() {
        return null;
    }

    /**
     * Applies the layer's weight constraints (Keras' {@code kernel_constraint}) to its slice after an
     * optimizer update, as Keras does. None by default. Allocates nothing.
     */
    public void constrain(int inputWidth, float[] params, int pOff) {
    }

    /** Floats of per-sample scratch the layer needs during training (Dropout's mask). */
    public int scratchWidth(int inputWidth) {
        return 0;
    }

    /** The activation applied last by this layer; a loss may fuse its gradient with it. */
    public Activation outputActivation() {
        return Activation.LINEAR;
    }

    /**
     * Forward pass on {@code call.rows()} rows: reads {@code call.input()}
     * ({@code rows × inputWidth}), writes {@code call.output()} ({@code rows × outputWidth}).
     * {@code call.training()} is a random source while training (Dropout draws its mask from it)
     * and null in inference; {@code call.scratch()} is the layer's training scratch.
     */
    public abstract void forward(LayerCall call);

    /**
     * Backward pass: given {@code call.outputGradient()}, the loss gradient with respect to this
     * layer's output (which the layer may overwrite), adds the parameter gradients into
     * {@code call.gradients()} at {@code call.paramOffset()} and writes the gradient with respect to
     * the input into {@code call.inputGradient()} unless it is null. When
     * {@code call.outputGradientIsPreActivation()} the loss already took the derivative of
     * {@link #outputActivation()} (a fused loss), so the layer must skip it.
     */
    public abstract void backward(LayerCall call);

    /** A short description for {@code summary()}, e.g. {@code Dense(16, relu)}. */
    @Override
    public String toString() {
        return typeName() + config();
    }
}
