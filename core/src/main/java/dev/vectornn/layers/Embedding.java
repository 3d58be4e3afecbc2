package dev.vectornn.layers;

import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A lookup table for one categorical column, as Keras' {@code Embedding(input_dim, output_dim)},
 * shaped for a {@code Sequential} model of tabular rows: column {@link #column()} of each input
 * row holds a category, a whole number in {@code [0, input_dim)}; it is replaced, in place, by that
 * category's {@code output_dim} trained values, and every other column passes through. The output
 * width is therefore {@code width − 1 + output_dim}.
 *
 * <pre>{@code
 * // rows of [age, income, city]; city is a category in 0..49
 * model.add(new Embedding(50, 4).column(2).inputDim(3));   // → [age, income, e0, e1, e2, e3]
 * model.add(new Dense(16, "relu"));
 * }</pre>
 *
 * <p><b>Why this shape.</b> In Keras a model that mixes integer and numeric columns is written
 * with the functional API: {@code cat = Input((1,), dtype="int32"); num = Input((k,));
 * x = Concatenate()([Flatten()(Embedding(n, d)(cat)), num])}. vectornn's models are a single
 * chain of layers over one {@code float} matrix, so this layer is that split, lookup and
 * concatenation in one step: the category stays a column of the same input (as a CSV delivers
 * it) and no second input or graph is needed. Several categorical columns take one
 * {@code Embedding} each; a later one's {@code column} counts in the output of the earlier ones
 * (put them right to left to keep the original indices).
 *
 * <p>The table is {@code embeddings [input_dim, output_dim]}, initialised uniformly in
 * [−0.05, 0.05] (Keras' default {@code "uniform"}). A value in the column that is not a whole
 * number in range fails the pass with an {@link IllegalArgumentException} naming the row and the
 * value, and a training step that fails so changes nothing. No gradient flows into the category
 * column (its input gradient is 0).
 */
public final class Embedding extends Layer {

    private final int inputDim;
    private final int outputDim;
    private final int column;
    private final int width; // the declared input width, or -1

    /**
     * An embedding of {@code inputDim} categories into {@code outputDim} values, for column 0.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public Embedding(int inputDim, int outputDim) {
        this(inputDim, outputDim, 0, -1);
    }

    private Embedding(int inputDim, int outputDim, int column, int width) {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding input_dim and output_dim must be positive, got " + inputDim
                    + " and " + outputDim);
        }
        if (column < 0) {
            throw new IllegalArgumentException("Embedding column must be ≥ 0, got " + column);
        }
        if (width == 0 || width < -1 || (width > 0 && column >= width)) {
            throw new IllegalArgumentException("Embedding input width must be positive and hold column " + column
                    + ", got " + width);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.column = column;
        this.width = width;
    }

    /** A copy that reads its category from column {@code column} of the input row. */
    public Embedding column(int column) {
        return new Embedding(inputDim, outputDim, column, width);
    }

    /** A copy that declares the model's input width; use on the first layer. */
    public Embedding inputDim(int width) {
        return new Embedding(inputDim, outputDim, column, width);
    }

    /** The column that holds the category. */
    public int column() {
        return column;
    }

    static Embedding fromConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("Embedding config", config).checkKeys("input_dim", "output_dim", "column", "input_width");
        return new Embedding(c.getInt("input_dim", 1, Integer.MAX_VALUE), c.getInt("output_dim", 1, Integer.MAX_VALUE),
                c.getInt("column", 0, 0, Integer.MAX_VALUE), c.getInt("input_width", -1, -1, Integer.MAX_VALUE));
    }

    @Override
    public String typeName() {
        return "embedding";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("column", column);
        if (width > 0) {
            c.put("input_width", width);
        }
        return c;
    }

    @Override
    public int declaredInputWidth() {
        return width;
    }

    /** @throws IllegalArgumentException if the input has no column {@link #column()} */
    @Override
    public int outputWidth(int inputWidth) {
        if (column >= inputWidth) {
            throw new IllegalArgumentException("Embedding reads column " + column + " but its input has width " + inputWidth);
        }
        return Math.addExact(inputWidth - 1, outputDim);
    }

    @Override
    public List<ParameterSpec> parameters(int inputWidth) {
        return List.of(new ParameterSpec("embeddings", inputDim, outputDim));
    }

    @Override
    public void initialize(int inputWidth, float[] params, int pOff, RandomGenerator random) {
        for (int i = 0; i < inputDim * outputDim; i++) {
            params[pOff + i] = (float) (random.nextDouble() * 0.1 - 0.05);
        }
    }

    /** The category in row {@code r}, checked. */
    private int category(float[] x, int r, int in) {
        float v = x[r * in + column];
        int k = (int) v;
        if (k != v || k < 0 || k >= inputDim) {
            throw new IllegalArgumentException("Embedding: row " + r + ", column " + column + " holds " + v
                    + "; expected a whole number in [0, " + inputDim + ")");
        }
        return k;
    }

    @Override
    public void forward(LayerCall c) {
        int in = c.inputWidth();
        int out = in - 1 + outputDim;
        float[] x = c.input();
        float[] y = c.output();
        float[] p = c.params();
        int table = c.paramOffset();
        for (int r = 0; r < c.rows(); r++) {
            int k = category(x, r, in);
            System.arraycopy(x, r * in, y, r * out, column);
            System.arraycopy(p, table + k * outputDim, y, r * out + column, outputDim);
            System.arraycopy(x, r * in + column + 1, y, r * out + column + outputDim, in - column - 1);
        }
    }

    @Override
    public void backward(LayerCall c) {
        int in = c.inputWidth();
        int out = in - 1 + outputDim;
        float[] x = c.input();
        float[] dy = c.outputGradient();
        float[] g = c.gradients();
        float[] dx = c.inputGradient();
        int table = c.paramOffset();
        for (int r = 0; r < c.rows(); r++) {
            int k = category(x, r, in);
            for (int d = 0; d < outputDim; d++) {
                g[table + k * outputDim + d] += dy[r * out + column + d];
            }
            if (dx != null) {
                System.arraycopy(dy, r * out, dx, r * in, column);
                dx[r * in + column] = 0f;
                System.arraycopy(dy, r * out + column + outputDim, dx, r * in + column + 1, in - column - 1);
            }
        }
    }

    @Override
    public String toString() {
        return "Embedding(" + inputDim + ", " + outputDim + ", column=" + column + ")";
    }
}
