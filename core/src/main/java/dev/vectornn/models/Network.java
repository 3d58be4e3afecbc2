package dev.vectornn.models;

import dev.vectornn.layers.Layer;
import dev.vectornn.layers.LayerCall;
import dev.vectornn.layers.Regularizer;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A built stack of layers: their widths and where each one's parameters lie in the flat
 * parameter array. Runs the forward and backward passes over a {@link Workspace}; holds no
 * mutable state of its own, so one network serves many threads.
 */
final class Network {
    private final Layer[] layers;
    private final int[] widths;       // widths[l] = input width of layer l; widths[L] = output width
    private final int[] paramOffsets; // paramOffsets[l] = start of layer l's slice; [L] = total
    private final int[] scratchWidths;
    // Non-trainable values (moving statistics ...) lie after every trainable parameter, so the
    // optimizer's one update over the trainable prefix never touches them.
    private final int[] nonTrainableOffsets; // [l] = start of layer l's non-trainable values; [L] = total
    /** Each layer's activity regularizer (null for none), resolved once so a step only reads an array. */
    private final Regularizer[] activityRegularizers;
    private final boolean anyActivityRegularizer;

    Network(List<Layer> layerList, int inputWidth) {
        this.layers = layerList.toArray(Layer[]::new);
        int n = layers.length;
        widths = new int[n + 1];
        paramOffsets = new int[n + 1];
        scratchWidths = new int[n];
        nonTrainableOffsets = new int[n + 1];
        widths[0] = inputWidth;
        for (int l = 0; l < n; l++) {
            Layer layer = layers[l];
            int declared = layer.declaredInputWidth();
            if (declared > 0 && declared != widths[l]) {
                throw new IllegalArgumentException("Layer " + l + " (" + layer + ") declares input width " + declared
                        + " but receives width " + widths[l] + (l == 0 ? " (the model's input width)" : " from layer " + (l - 1)));
            }
            widths[l + 1] = layer.outputWidth(widths[l]);
            if (widths[l + 1] <= 0) {
                throw new IllegalArgumentException("Layer " + l + " (" + layer + ") has output width " + widths[l + 1]);
            }
            paramOffsets[l + 1] = Math.addExact(paramOffsets[l], layer.parameterCount(widths[l]));
            scratchWidths[l] = layer.scratchWidth(widths[l]);
        }
        activityRegularizers = new Regularizer[n];
        boolean any = false;
        for (int l = 0; l < n; l++) {
            activityRegularizers[l] = layers[l].activityRegularizer();
            any |= activityRegularizers[l] != null;
        }
        anyActivityRegularizer = any;
        nonTrainableOffsets[0] = paramOffsets[n];
        for (int l = 0; l < n; l++) {
            nonTrainableOffsets[l + 1] = Math.addExact(nonTrainableOffsets[l], layers[l].nonTrainableCount(widths[l]));
        }
    }

    int layerCount() {
        return layers.length;
    }

    Layer layer(int l) {
        return layers[l];
    }

    int width(int l) {
        return widths[l];
    }

    int inputWidth() {
        return widths[0];
    }

    int outputWidth() {
        return widths[layers.length];
    }

    int paramOffset(int l) {
        return paramOffsets[l];
    }

    /** Every value of the flat parameter array: trainable ones first, then the non-trainable ones. */
    int parameterCount() {
        return nonTrainableOffsets[layers.length];
    }

    /** The trainable prefix of the parameter array, the part that has gradients and optimizer slots. */
    int trainableCount() {
        return paramOffsets[layers.length];
    }

    /** Where layer {@code l}'s non-trainable values start. */
    int nonTrainableOffset(int l) {
        return nonTrainableOffsets[l];
    }

    /**
     * Adds every layer's weight penalty gradient, times {@code scale}, into {@code grads} (unless
     * null) and returns the sum of the penalties (Keras adds it to the loss).
     */
    double regularize(float[] params, float[] grads, float scale) {
        double penalty = 0;
        for (int l = 0; l < layers.length; l++) {
            penalty += layers[l].regularize(widths[l], params, paramOffsets[l], grads, scale);
        }
        return penalty;
    }

    /** True if some layer penalizes its output (Keras' {@code activity_regularizer}). */
    boolean hasActivityRegularizer() {
        return anyActivityRegularizer;
    }

    /** True if the last layer penalizes its output, so its gradient must reach it unfused with the loss. */
    boolean lastLayerRegularizesActivity() {
        return activityRegularizers[layers.length - 1] != null;
    }

    /** Applies every layer's weight constraints, after an optimizer update. */
    void constrain(float[] params) {
        for (int l = 0; l < layers.length; l++) {
            layers[l].constrain(widths[l], params, paramOffsets[l]);
        }
    }

    int scratchWidth(int l) {
        return scratchWidths[l];
    }

    void initialize(float[] params, RandomGenerator random) {
        for (int l = 0; l < layers.length; l++) {
            layers[l].initialize(widths[l], params, paramOffsets[l], random);
            layers[l].initializeNonTrainable(widths[l], params, nonTrainableOffsets[l]);
        }
    }

    /**
     * Runs every layer on {@code rows} rows of {@code ws.acts[0]}; the output lands in
     * {@code ws.acts[L]}. {@code training} is the dropout stream, or null for inference.
     */
    void forward(Workspace ws, int rows, RandomGenerator training) {
        LayerCall[] calls = ws.calls;
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(calls[l].rows(rows).training(training));
        }
    }

    /**
     * An inference forward pass ({@link #forward} with no training stream) that also returns the
     * sum of the activity penalties {@code R(y)} of the layers' outputs over these rows. They are
     * taken right after each layer runs, since an inference workspace reuses activation buffers.
     */
    double forwardWithActivityPenalty(Workspace ws, int rows) {
        LayerCall[] calls = ws.calls;
        double penalty = 0;
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(calls[l].rows(rows).training(null));
            Regularizer r = activityRegularizers[l];
            if (r != null) {
                penalty += r.apply(rows * widths[l + 1], ws.acts[l + 1], 0, null, 0f);
            }
        }
        return penalty;
    }

    /**
     * Back-propagates the loss gradient in {@code ws.deltaA} (rows × output width) through every
     * layer, adding parameter gradients into {@code grads}. If {@code inputGrad} is non-null it
     * receives the gradient with respect to the input (rows × input width).
     *
     * <p>A layer with an activity regularizer gets {@code activityScale × R'(y)} added to the
     * gradient arriving at its output before it runs ({@code 1 / rows} for the gradient of the mean
     * loss, Keras' {@code R(y) / batch size}); returns {@code Σ R(y)} over those layers (0 if none),
     * the amount the penalties add to the summed loss.
     */
    double backward(Workspace ws, int rows, boolean fusedOutput, float[] grads, float[] inputGrad, float activityScale) {
        LayerCall[] calls = ws.calls;
        float[] dy = ws.deltaA;
        float[] spare = ws.deltaB;
        int last = layers.length - 1;
        double penalty = 0;
        for (int l = last; l >= 0; l--) {
            Regularizer r = activityRegularizers[l];
            if (r != null) {
                // The layer's output is still in acts[l + 1]: a training workspace keeps every activation.
                penalty += r.apply(rows * widths[l + 1], ws.acts[l + 1], 0, dy, activityScale);
            }
            float[] dx = l > 0 ? spare : inputGrad;
            layers[l].backward(calls[l].rows(rows).backward(dy, fusedOutput && l == last, grads, dx));
            spare = dy;
            dy = dx;
        }
        return penalty;
    }
}
