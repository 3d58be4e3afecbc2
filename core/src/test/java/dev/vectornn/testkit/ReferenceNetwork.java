package dev.vectornn.testkit;

import dev.vectornn.spi.Activation;

import java.util.Arrays;

/**
 * A straightforward double-precision forward pass of a stack of dense layers and a loss, written
 * from the formulas in the {@link dev.vectornn.spi.Kernels} and {@link Activation} Javadoc and
 * sharing no code with any backend: the yardstick that finite differences are taken on.
 *
 * <p>Parameters have {@code Sequential}'s layout: layer by layer, the kernel {@code [in, out]}
 * row-major (weight {@code i → j} at {@code offset(l) + i·out + j}), then the bias {@code [out]}.
 * Losses follow Keras: the per-sample loss is averaged over the batch; MSE and binary
 * cross-entropy average over the outputs; probabilities are clipped to {@code [1e-7, 1 − 1e-7]}
 * before the logarithm.
 */
public final class ReferenceNetwork {

    /** Keras' {@code epsilon()}, the clipping bound of cross-entropy. */
    public static final double CLIP = 1e-7;

    /** The losses the reference knows, by their Keras names. */
    public enum LossKind {
        MEAN_SQUARED_ERROR("mean_squared_error"),
        CATEGORICAL_CROSSENTROPY("categorical_crossentropy"),
        SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy"),
        BINARY_CROSSENTROPY("binary_crossentropy");

        private final String kerasName;

        LossKind(String kerasName) {
            this.kerasName = kerasName;
        }

        public String kerasName() {
            return kerasName;
        }

        /** True for the losses that take the logarithm of clipped probabilities. */
        public boolean clips() {
            return this != MEAN_SQUARED_ERROR;
        }

        /** Width of one target row for {@code outputs} outputs (1 for sparse labels). */
        public int targetWidth(int outputs) {
            return this == SPARSE_CATEGORICAL_CROSSENTROPY ? 1 : outputs;
        }
    }

    private final int[] widths;
    private final Activation[] activations;
    private final LossKind loss;
    private final int[] offsets;

    /**
     * @param widths      {@code widths[0]} the input width, {@code widths[l + 1]} the units of layer {@code l}
     * @param activations one per layer
     */
    public ReferenceNetwork(int[] widths, Activation[] activations, LossKind loss) {
        if (activations.length != widths.length - 1) {
            throw new IllegalArgumentException(activations.length + " activations for " + (widths.length - 1) + " layers");
        }
        this.widths = widths.clone();
        this.activations = activations.clone();
        this.loss = loss;
        offsets = new int[widths.length];
        for (int l = 0; l < layers(); l++) {
            offsets[l + 1] = offsets[l] + widths[l] * widths[l + 1] + widths[l + 1];
        }
    }

    public int layers() {
        return activations.length;
    }

    public int width(int l) {
        return widths[l];
    }

    public Activation activation(int l) {
        return activations[l];
    }

    public LossKind loss() {
        return loss;
    }

    /** Where layer {@code l}'s kernel starts; {@code offset(layers())} is the parameter count. */
    public int offset(int l) {
        return offsets[l];
    }

    public int parameterCount() {
        return offsets[layers()];
    }

    /** The layer that parameter {@code k} belongs to. */
    public int layerOf(int k) {
        int l = 0;
        while (offsets[l + 1] <= k) {
            l++;
        }
        return l;
    }

    /** Readable name of parameter {@code k}, e.g. {@code "layer 1 weight 3→0"} or {@code "layer 0 bias 2"}. */
    public String describeParameter(int k) {
        int l = layerOf(k);
        int local = k - offsets[l];
        int out = widths[l + 1];
        int kernel = widths[l] * out;
        return local < kernel
                ? "layer " + l + " weight " + (local / out) + "→" + (local % out)
                : "layer " + l + " bias " + (local - kernel);
    }

    /**
     * The forward pass of {@code rows} samples: {@code acts[0]} is {@code x}, {@code acts[l + 1]}
     * the output of layer {@code l}; {@code pre[l]} (if non-null) receives layer {@code l}'s
     * pre-activations.
     */
    public double[][] forward(double[] params, double[] x, int rows, double[][] pre) {
        double[][] acts = new double[layers() + 1][];
        acts[0] = x;
        for (int l = 0; l < layers(); l++) {
            acts[l + 1] = new double[rows * widths[l + 1]];
            layerForward(l, params, acts[l], rows, acts[l + 1], pre == null ? null : (pre[l] = new double[rows * widths[l + 1]]));
        }
        return acts;
    }

    /** Recomputes {@code acts[from + 1 ..]} from {@code acts[from]} (for a perturbed parameter of layer {@code from}). */
    public void forwardFrom(int from, double[] params, double[][] acts, int rows) {
        for (int l = from; l < layers(); l++) {
            layerForward(l, params, acts[l], rows, acts[l + 1], null);
        }
    }

    private void layerForward(int l, double[] params, double[] x, int rows, double[] y, double[] pre) {
        int in = widths[l];
        int out = widths[l + 1];
        int w = offsets[l];
        int b = w + in * out;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                double z = params[b + j];
                for (int i = 0; i < in; i++) {
                    z += x[r * in + i] * params[w + i * out + j];
                }
                y[r * out + j] = z;
                if (pre != null) {
                    pre[r * out + j] = z;
                }
            }
            activate(activations[l], y, r * out, out);
        }
    }

    /** Applies {@code act} in place to {@code v[off .. off + n)}. */
    public static void activate(Activation act, double[] v, int off, int n) {
        switch (act.name()) {
            case "linear" -> { }
            case "relu" -> {
                for (int j = off; j < off + n; j++) {
                    v[j] = Math.max(0, v[j]);
                }
            }
            case "sigmoid" -> {
                for (int j = off; j < off + n; j++) {
                    v[j] = 1 / (1 + Math.exp(-v[j]));
                }
            }
            case "tanh" -> {
                for (int j = off; j < off + n; j++) {
                    v[j] = Math.tanh(v[j]);
                }
            }
            case "softmax" -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = off; j < off + n; j++) {
                    max = Math.max(max, v[j]);
                }
                double sum = 0;
                for (int j = off; j < off + n; j++) {
                    v[j] = Math.exp(v[j] - max);
                    sum += v[j];
                }
                for (int j = off; j < off + n; j++) {
                    v[j] /= sum;
                }
            }
            default -> throw new IllegalArgumentException("no reference formula for activation " + act);
        }
    }

    /** The loss of sample {@code r} given the network's output rows {@code y} and targets {@code t}. */
    public double sampleLoss(double[] y, double[] t, int r) {
        int cols = widths[layers()];
        int o = r * cols;
        double s = 0;
        switch (loss) {
            case MEAN_SQUARED_ERROR -> {
                for (int j = 0; j < cols; j++) {
                    double d = y[o + j] - t[o + j];
                    s += d * d;
                }
                s /= cols;
            }
            case CATEGORICAL_CROSSENTROPY -> {
                for (int j = 0; j < cols; j++) {
                    s -= t[o + j] * Math.log(clip(y[o + j]));
                }
            }
            case SPARSE_CATEGORICAL_CROSSENTROPY -> s = -Math.log(clip(y[o + (int) t[r]]));
            case BINARY_CROSSENTROPY -> {
                for (int j = 0; j < cols; j++) {
                    double p = clip(y[o + j]);
                    s -= t[o + j] * Math.log(p) + (1 - t[o + j]) * Math.log(1 - p);
                }
                s /= cols;
            }
        }
        return s;
    }

    /** The batch-mean loss of {@code rows} samples. */
    public double meanLoss(double[] params, double[] x, double[] t, int rows) {
        return meanLoss(forward(params, x, rows, null)[layers()], t, rows);
    }

    /** The batch-mean loss of output rows {@code y}. */
    public double meanLoss(double[] y, double[] t, int rows) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += sampleLoss(y, t, r);
        }
        return s / rows;
    }

    public static double clip(double p) {
        return Math.min(Math.max(p, CLIP), 1 - CLIP);
    }

    /** Smallest |pre-activation| over every ReLU unit and sample: how far the batch is from a kink. */
    public double reluMargin(double[] params, double[] x, int rows) {
        double[][] pre = new double[layers()][];
        forward(params, x, rows, pre);
        double margin = Double.POSITIVE_INFINITY;
        for (int l = 0; l < layers(); l++) {
            if (activations[l] == Activation.RELU) {
                for (double z : pre[l]) {
                    margin = Math.min(margin, Math.abs(z));
                }
            }
        }
        return margin;
    }

    /**
     * Smallest {@code min(p, 1 − p)} over the outputs the loss takes a logarithm of: how far the
     * batch is from the clipping bounds. Infinite for MSE, which does not clip.
     */
    public double clipMargin(double[] params, double[] x, double[] t, int rows) {
        if (!loss.clips()) {
            return Double.POSITIVE_INFINITY;
        }
        double[] y = forward(params, x, rows, null)[layers()];
        int cols = widths[layers()];
        double margin = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double p = y[r * cols + j];
                margin = Math.min(margin, Math.min(p, 1 - p));
            }
        }
        return margin;
    }

    /** Widens floats to doubles. */
    public static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** Flattens rows of floats into one row-major double array. */
    public static double[] flatten(float[][] rows) {
        int w = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[rows.length * w];
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < w; j++) {
                d[r * w + j] = rows[r][j];
            }
        }
        return d;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(widths[0]);
        for (int l = 0; l < layers(); l++) {
            sb.append("→").append(widths[l + 1]).append('(').append(activations[l].name()).append(')');
        }
        return sb.append(' ').append(loss.kerasName()).toString();
    }

    /** Copy of the widths (input, then each layer's units). */
    public int[] widths() {
        return Arrays.copyOf(widths, widths.length);
    }
}
