package dev.vectornn.layers;

import dev.vectornn.spi.ConfigMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature-wise standardization with statistics of the data, as Keras' {@code Normalization()}
 * ({@code axis=-1}): {@code y = (x − mean) / max(√variance, ε)}, or with {@code invert} the way
 * back, {@code y = mean + x · max(√variance, ε)}; {@code ε} is Keras' {@code backend.epsilon()},
 * 1e-7.
 *
 * <pre>{@code
 * Normalization norm = new Normalization().adapt(x);   // Keras: norm = Normalization(); norm.adapt(x)
 * model.input(x[0].length).add(norm);                   // first layer: the model's input width is given
 * new Normalization(new float[] {3}, new float[] {2})   // Keras: Normalization(mean=3., variance=2.)
 * }</pre>
 *
 * <p>{@link #adapt} computes each feature's mean and biased variance over the rows given (in
 * double precision) and returns an adapted copy; layers are immutable. A layer that has neither
 * been adapted nor given its statistics cannot be built into a model (Keras fails later, at the
 * first call). The statistics are in the layer's config (as Keras keeps constructor arguments) and
 * are the layer's {@linkplain Layer#nonTrainableParameters non-trainable} {@code mean} and
 * {@code variance} tensors, so they are saved and loaded with the model and the optimizer never
 * changes them. PyTorch has no such layer; this follows Keras.
 */
public final class Normalization extends Layer {

    /** Keras' {@code backend.epsilon()}. */
    static final float EPSILON = 1e-7f;

    private final float[] mean;     // null until adapted
    private final float[] variance; // null until adapted
    private final boolean invert;

    /** An unadapted layer: call {@link #adapt} before adding it to a model. */
    public Normalization() {
        this(null, null, false);
    }

    /**
     * A layer with the given statistics, one per feature (Keras' {@code mean=}, {@code variance=}).
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold a value that is
     *                                  not finite or (for a variance) negative
     */
    public Normalization(float[] mean, float[] variance) {
        this(require(mean, variance), variance.clone(), false);
    }

    private Normalization(float[] mean, float[] variance, boolean invert) {
        this.mean = mean;
        this.variance = variance;
        this.invert = invert;
    }

    private static float[] require(float[] mean, float[] variance) {
        if (mean == null || variance == null || mean.length != variance.length || mean.length == 0) {
            throw new IllegalArgumentException("Normalization needs a mean and a variance of the same positive length, got "
                    + (mean == null ? "null" : mean.length + " means") + " and "
                    + (variance == null ? "null" : variance.length + " variances"));
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Float.isFinite(mean[j]) || !(variance[j] >= 0) || !Float.isFinite(variance[j])) {
                throw new IllegalArgumentException("Normalization feature " + j + " has mean " + mean[j] + " and variance "
                        + variance[j] + "; expected finite values and a variance ≥ 0");
            }
        }
        return mean.clone();
    }

    /** A copy that maps normalized values back (Keras' {@code invert=True}). */
    public Normalization invert(boolean invert) {
        return new Normalization(mean, variance, invert);
    }

    /**
     * A copy adapted to {@code data} (rows of features): each feature's mean and biased variance.
     *
     * @throws IllegalArgumentException if {@code data} is empty or ragged or holds a value that is not finite
     */
    public Normalization adapt(float[][] data) {
        if (data == null || data.length == 0 || data[0] == null || data[0].length == 0) {
            throw new IllegalArgumentException("Normalization.adapt needs at least one row of at least one feature");
        }
        int cols = data[0].length;
        double[] sum = new double[cols];
        for (int r = 0; r < data.length; r++) {
            if (data[r] == null || data[r].length != cols) {
                throw new IllegalArgumentException("Normalization.adapt: row " + r + " has "
                        + (data[r] == null ? "no values" : data[r].length + " values") + ", row 0 has " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (!Float.isFinite(data[r][j])) {
                    throw new IllegalArgumentException("Normalization.adapt: row " + r + ", feature " + j + " is "
                            + data[r][j] + "; expected a finite number");
                }
                sum[j] += data[r][j];
            }
        }
        float[] m = new float[cols];
        float[] v = new float[cols];
        for (int j = 0; j < cols; j++) {
            double mu = sum[j] / data.length;
            double squares = 0;
            for (float[] row : data) {
                double d = row[j] - mu;
                squares += d * d;
            }
            m[j] = (float) mu;
            v[j] = (float) (squares / data.length);
        }
        return new Normalization(m, v, invert);
    }

    /** Whether the layer has its statistics (adapted or given). */
    public boolean isAdapted() {
        return mean != null;
    }

    static Normalization fromConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("Normalization config", config).checkKeys("mean", "variance", "invert");
        boolean invert = c.getBoolean("invert", false);
        if (!c.has("mean") && !c.has("variance")) {
            return new Normalization().invert(invert);
        }
        return new Normalization(floats(c, config.get("mean"), "mean"), floats(c, config.get("variance"), "variance"))
                .invert(invert);
    }

    private static float[] floats(ConfigMap c, Object value, String key) {
        if (!(value instanceof List)) {
            throw c.error(key, "expected a list of numbers");
        }
        List<?> list = (List<?>) value;
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            if (!(list.get(i) instanceof Number)) {
                throw c.error(key, "element " + i + " is not a number");
            }
            f[i] = ((Number) list.get(i)).floatValue();
        }
        return f;
    }

    @Override
    public String typeName() {
        return "normalization";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        if (mean != null) {
            c.put("mean", doubles(mean));
            c.put("variance", doubles(variance));
        }
        c.put("invert", invert);
        return c;
    }

    private static List<Object> doubles(float[] values) {
        List<Object> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add((double) v);
        }
        return list;
    }

    /** @throws IllegalArgumentException if the layer is not adapted or was adapted to another width */
    @Override
    public int outputWidth(int inputWidth) {
        if (mean == null) {
            throw new IllegalArgumentException("Normalization is not adapted: call adapt(x) or give it a mean and a variance "
                    + "before building the model");
        }
        if (mean.length != inputWidth) {
            throw new IllegalArgumentException("Normalization has statistics for " + mean.length
                    + " features but receives width " + inputWidth);
        }
        return inputWidth;
    }

    @Override
    public List<ParameterSpec> nonTrainableParameters(int inputWidth) {
        return List.of(new ParameterSpec("mean", inputWidth), new ParameterSpec("variance", inputWidth));
    }

    @Override
    public void initializeNonTrainable(int inputWidth, float[] params, int off) {
        System.arraycopy(mean, 0, params, off, inputWidth);
        System.arraycopy(variance, 0, params, off + inputWidth, inputWidth);
    }

    /** {@code max(√variance, ε)} of feature {@code j}: what the layer divides by (or multiplies by, inverted). */
    private static float spread(float[] p, int varianceAt) {
        return Math.max((float) Math.sqrt(p[varianceAt]), EPSILON);
    }

    @Override
    public void forward(LayerCall c) {
        int cols = c.inputWidth();
        float[] p = c.params();
        int m = c.nonTrainableOffset();
        float[] x = c.input();
        float[] y = c.output();
        for (int r = 0; r < c.rows(); r++) {
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                float s = spread(p, m + cols + j);
                y[i] = invert ? p[m + j] + x[i] * s : (x[i] - p[m + j]) / s;
            }
        }
    }

    @Override
    public void backward(LayerCall c) {
        float[] dx = c.inputGradient();
        if (dx == null) {
            return;
        }
        int cols = c.inputWidth();
        float[] p = c.params();
        int m = c.nonTrainableOffset();
        float[] dy = c.outputGradient();
        for (int r = 0; r < c.rows(); r++) {
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                float s = spread(p, m + cols + j);
                dx[i] = invert ? dy[i] * s : dy[i] / s;
            }
        }
    }

    @Override
    public String toString() {
        return "Normalization(" + (mean == null ? "not adapted" : mean.length + " features") + (invert ? ", invert" : "") + ")";
    }
}
