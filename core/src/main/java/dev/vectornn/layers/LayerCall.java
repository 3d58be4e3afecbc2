package dev.vectornn.layers;

import dev.vectornn.spi.Kernels;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The arguments of one {@link Layer#forward} or {@link Layer#backward} call: the kernels, the
 * batch, the layer's parameter slice and its input, output and gradient blocks.
 *
 * <p>Every block is row-major with its rows contiguous and starts at index 0: the input holds
 * {@code rows × inputWidth} floats, the output and its gradient {@code rows × outputWidth}, the
 * scratch {@code rows × scratchWidth}. The layer's parameters (and their gradients) start at
 * {@link #paramOffset()}.
 *
 * <p>A model makes one call object per layer and per set of buffers, once, and then only changes
 * the row count and the random source between steps, so that a training step allocates nothing.
 * A layer must not keep a reference to the call beyond the method it was given to.
 */
public final class LayerCall {

    private final Kernels kernels;
    private final int inputWidth;
    private final float[] params;
    private final int paramOffset;
    private int nonTrainableOffset;
    private final float[] input;
    private final float[] output;
    private int rows;
    private RandomGenerator training;
    private float[] scratch = new float[0];
    private float[] outputGradient;
    private boolean outputGradientIsPreActivation;
    private float[] gradients;
    private float[] inputGradient;

    /**
     * A call on {@code input} ({@code rows × inputWidth}) writing {@code output}, with the layer's
     * parameters at {@code params[paramOffset ..]}. It starts with 0 rows, in inference mode.
     *
     * @throws NullPointerException if {@code kernels}, {@code params}, {@code input} or
     *                              {@code output} is null
     */
    public LayerCall(Kernels kernels, int inputWidth, float[] params, int paramOffset, float[] input, float[] output) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.inputWidth = inputWidth;
        this.params = Objects.requireNonNull(params, "params");
        this.paramOffset = paramOffset;
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
    }

    /** Sets the number of rows of this call's batch. */
    public LayerCall rows(int rows) {
        this.rows = rows;
        return this;
    }

    /**
     * Sets where the layer's non-trainable values ({@link Layer#nonTrainableParameters}) start in
     * {@link #params()}; the model keeps them after every trainable parameter.
     */
    public LayerCall nonTrainableOffset(int offset) {
        this.nonTrainableOffset = offset;
        return this;
    }

    /** Where this layer's non-trainable values start in {@link #params()} (they have no gradients). */
    public int nonTrainableOffset() {
        return nonTrainableOffset;
    }

    /** Sets the random source of training mode (dropout draws from it), or null for inference. */
    public LayerCall training(RandomGenerator training) {
        this.training = training;
        return this;
    }

    /** Sets the layer's training scratch ({@code rows × scratchWidth}). */
    public LayerCall scratch(float[] scratch) {
        this.scratch = Objects.requireNonNull(scratch, "scratch");
        return this;
    }

    /**
     * Sets the buffers of a backward pass: the loss gradient with respect to the output (which the
     * layer may overwrite), whether it is already taken with respect to the pre-activation of
     * {@link Layer#outputActivation()} (a fused loss), the parameter gradients to add into (same
     * layout as the parameters), and where the gradient with respect to the input goes (null if
     * nobody needs it).
     */
    public LayerCall backward(float[] outputGradient, boolean preActivation, float[] gradients, float[] inputGradient) {
        this.outputGradient = outputGradient;
        this.outputGradientIsPreActivation = preActivation;
        this.gradients = gradients;
        this.inputGradient = inputGradient;
        return this;
    }

    public Kernels kernels() {
        return kernels;
    }

    public int rows() {
        return rows;
    }

    public int inputWidth() {
        return inputWidth;
    }

    /** Every parameter of the model; this layer's start at {@link #paramOffset()}. */
    public float[] params() {
        return params;
    }

    /** Where this layer's parameters (and their gradients) start. */
    public int paramOffset() {
        return paramOffset;
    }

    public float[] input() {
        return input;
    }

    public float[] output() {
        return output;
    }

    /** The random source while training, or null in inference. */
    public RandomGenerator training() {
        return training;
    }

    public float[] scratch() {
        return scratch;
    }

    /** The loss gradient with respect to the output; the layer may overwrite it. */
    public float[] outputGradient() {
        return outputGradient;
    }

    /** True when {@link #outputGradient()} is taken with respect to the output activation's input already. */
    public boolean outputGradientIsPreActivation() {
        return outputGradientIsPreActivation;
    }

    /** The parameter gradients, laid out as {@link #params()}; a layer adds into its slice. */
    public float[] gradients() {
        return gradients;
    }

    /** Where the gradient with respect to the input goes, or null if nobody needs it. */
    public float[] inputGradient() {
        return inputGradient;
    }
}
