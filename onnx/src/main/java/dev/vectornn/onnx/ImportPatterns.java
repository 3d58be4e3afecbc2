package dev.vectornn.onnx;

import dev.vectornn.io.ModelFormatException;
import dev.vectornn.layers.Embedding;
import dev.vectornn.layers.LayerNormalization;
import dev.vectornn.layers.Normalization;
import dev.vectornn.spi.Activation;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vectornn.onnx.Patterns.IN;
import static dev.vectornn.onnx.Patterns.either;
import static dev.vectornn.onnx.Patterns.k;
import static dev.vectornn.onnx.Patterns.named;
import static dev.vectornn.onnx.Patterns.op;

/**
 * The multi-node sub-graphs ONNX import reads as one vectornn activation or layer: what
 * {@link OnnxExporter} writes at opset 13 for the activations and layers ONNX 13 has no op for,
 * and PyTorch's own forms of the same (its GELU, its layer normalization before opset 17).
 */
final class ImportPatterns {

    /** How close a constant written as a decimal must be to its exact value (√2, √(2/π), ...): a float's rounding. */
    private static final double ROUNDING = 1e-6;

    static final List<Patterns.Pattern> ALL = table();

    private ImportPatterns() {
    }

    private static List<Patterns.Pattern> table() {
        List<Patterns.Pattern> t = new ArrayList<>();
        // GELU, exact: 0.5 · x · (1 + erf(x / √2)); PyTorch's order, or 0.5 · x first; x / √2 or x · (1/√2).
        for (Patterns.Op erf : List.of(op("Erf", op("Div", IN, k("divisor"))), op("Erf", either("Mul", IN, k("multiplier"))))) {
            Patterns.Op onePlus = either("Add", erf, k("one"));
            t.add(new Patterns.Pattern("GELU", either("Mul", either("Mul", IN, onePlus), k("half")), ImportPatterns::geluErf));
            t.add(new Patterns.Pattern("GELU", either("Mul", either("Mul", IN, k("half")), onePlus), ImportPatterns::geluErf));
        }
        // GELU, tanh form: 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³))), x³ as x · (x · x) or Pow(x, 3).
        for (Patterns.Op cube : List.of(either("Mul", IN, either("Mul", IN, IN)), op("Pow", IN, k("three")))) {
            Patterns.Op inner = either("Add", IN, either("Mul", k("kappa"), cube));
            Patterns.Op onePlus = either("Add", k("one"), op("Tanh", either("Mul", k("beta"), inner)));
            t.add(new Patterns.Pattern("GELU (tanh)", either("Mul", k("half"), either("Mul", IN, onePlus)), ImportPatterns::geluTanh));
            t.add(new Patterns.Pattern("GELU (tanh)", either("Mul", either("Mul", IN, k("half")), onePlus), ImportPatterns::geluTanh));
        }
        t.add(new Patterns.Pattern("SiLU", either("Mul", IN, op("Sigmoid", IN)), (m, x, where) -> Activation.SILU));
        // Keras' relu with settings, as the exporter writes it.
        Patterns.Op threshold = named("threshold", op("ThresholdedRelu", IN));
        t.add(new Patterns.Pattern("relu", clip(threshold), ImportPatterns::relu));
        for (Patterns.Op pass : List.of(threshold, clip(threshold), clip(IN))) {
            Patterns.Op leak = either("Mul", k("negative_slope"), op("Relu", op("Sub", k("threshold_value"), IN)));
            t.add(new Patterns.Pattern("relu", op("Sub", pass, leak), ImportPatterns::relu));
        }
        // Layer normalization: mean, centred, variance (d · d or Pow(d, 2)), divided by √(variance + ε); then · γ, + β.
        Patterns.P centered = new Patterns.Shared("d", op("Sub", IN, named("mean", op("ReduceMean", IN))));
        for (Patterns.Op square : List.of(either("Mul", centered, centered), op("Pow", centered, k("two")))) {
            Patterns.Op variance = named("variance", op("ReduceMean", square));
            Patterns.Op norm = op("Div", centered, op("Sqrt", either("Add", variance, k("epsilon"))));
            Patterns.Op scaled = either("Mul", norm, k("gamma"));
            for (Patterns.Op root : List.of(norm, scaled, either("Add", norm, k("beta")), either("Add", scaled, k("beta")))) {
                t.add(new Patterns.Pattern("layer normalization", root, ImportPatterns::layerNormalization));
            }
        }
        // Keras' Normalization: (x − mean) / max(√variance, ε), or inverted mean + x · max(√variance, ε).
        Patterns.Op spread = either("Max", op("Sqrt", k("variance")), k("epsilon"));
        t.add(new Patterns.Pattern("normalization", op("Div", op("Sub", IN, k("mean")), spread), ImportPatterns::normalization));
        t.add(new Patterns.Pattern("normalization", either("Add", either("Mul", IN, spread), k("mean")),
                ImportPatterns::normalization));
        // Embedding of one column: the column looked up, between the columns before and after it.
        Patterns.Op lookup = named("lookup", op("Gather", k("table"), named("cast", op("Cast", named("pick", op("Gather", IN, k("column")))))));
        Patterns.Op left = named("left", op("Slice", IN, k("left_starts"), k("left_ends"), k("left_axes")));
        Patterns.Op right = named("right", op("Slice", IN, k("right_starts"), k("right_ends"), k("right_axes")));
        for (Patterns.Op root : List.of(op("Concat", left, lookup, right), op("Concat", lookup, right), op("Concat", left, lookup), lookup)) {
            t.add(new Patterns.Pattern("embedding", root.type().equals("Concat") ? named("concat", root) : root,
                    ImportPatterns::embedding));
        }
        return List.copyOf(t);
    }

    private static Patterns.Op clip(Patterns.P input) {
        return named("clip", op("Clip", input, k("min"), k("max")));
    }

    // ------------------------------------------------------------------ builders

    private static void expect(Patterns.Match m, String name, double expected, double tolerance, String where)
            throws ModelFormatException {
        float v = m.scalar(name);
        if (!(Math.abs(v - expected) <= tolerance)) {
            throw new ModelFormatException(where + " ends a " + m.pattern.what() + " pattern whose " + name.replace('_', ' ')
                    + " is " + v + "; " + m.pattern.what() + " has " + expected);
        }
    }

    private static Object geluErf(Patterns.Match m, Flow x, String where) throws ModelFormatException {
        expect(m, "one", 1, 0, where);
        expect(m, "half", 0.5, 0, where);
        if (m.has("divisor")) {
            expect(m, "divisor", Math.sqrt(2), ROUNDING, where);
        } else {
            expect(m, "multiplier", Math.sqrt(0.5), ROUNDING, where);
        }
        return Activation.GELU;
    }

    private static Object geluTanh(Patterns.Match m, Flow x, String where) throws ModelFormatException {
        expect(m, "one", 1, 0, where);
        expect(m, "half", 0.5, 0, where);
        expect(m, "beta", Math.sqrt(2 / Math.PI), ROUNDING, where);
        expect(m, "kappa", 0.044715, ROUNDING * 0.044715, where);
        if (m.has("three")) {
            expect(m, "three", 3, 0, where);
        }
        return Activation.GELU.configure(Map.of("approximate", true));
    }

    private static Object relu(Patterns.Match m, Flow x, String where) throws ModelFormatException {
        Map<String, Object> config = new LinkedHashMap<>();
        float threshold = 0f;
        NodeProto t = m.node("threshold");
        if (t != null) {
            // ONNX's ThresholdedRelu defaults to alpha = 1.
            threshold = new Attributes(t, where + " (its ThresholdedRelu '" + t.getName() + "')", Set.of("alpha")).real("alpha", 1f);
            config.put("threshold", (double) threshold);
        }
        NodeProto clip = m.node("clip");
        if (clip != null) {
            new Attributes(clip, where + " (its Clip '" + clip.getName() + "')", Set.of());
            expect(m, "min", 0, 0, where);
            float max = m.scalar("max");
            if (!(max > 0) || max == Float.POSITIVE_INFINITY) {
                throw new ModelFormatException(where + " clips at " + max + "; vectornn's relu max_value is positive and finite");
            }
            config.put("max_value", (double) max);
        }
        if (m.has("negative_slope")) {
            expect(m, "threshold_value", threshold, 0, where);
            float slope = m.scalar("negative_slope");
            if (!Float.isFinite(slope)) {
                throw new ModelFormatException(where + " has a negative slope of " + slope);
            }
            config.put("negative_slope", (double) slope);
        }
        try {
            return Activation.RELU.configure(config);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
    }

    /** The data must be {@code [batch, features]} for a layer that works on the features of a row. */
    private static int width(Patterns.Match m, Flow x, String where) throws ModelFormatException {
        if (x.dims().length != 1) {
            throw new ModelFormatException(where + " ends a " + m.pattern.what() + " pattern over a value of shape [batch, "
                    + Arrays.toString(x.dims()).replaceAll("[\\[\\]]", "") + "]; vectornn's layer works on [batch, features]");
        }
        return (int) x.dims()[0];
    }

    /** A float vector of {@code width} finite values from constant leaf {@code name}. */
    private static float[] vector(Patterns.Match m, String name, int width, String where) throws ModelFormatException {
        String what = where + " " + m.pattern.what() + " " + name;
        return OnnxImporter.finite(OnnxImporter.vector(m.constant(name), width, what), what);
    }

    /** ReduceMean over the features, keeping the dimension. */
    private static void overFeatures(NodeProto n, String where) throws ModelFormatException {
        String what = where + " (its ReduceMean '" + n.getName() + "')";
        Attributes a = new Attributes(n, what, Set.of("axes", "keepdims"));
        long[] axes = a.integers("axes");
        if (axes == null || axes.length != 1 || (axes[0] != -1 && axes[0] != 1) || a.integer("keepdims", 1) != 1) {
            throw new ModelFormatException(what + " averages over axes " + Arrays.toString(axes) + " with keepdims "
                    + a.integer("keepdims", 1) + "; layer normalization averages over the features (axis −1), keeping them");
        }
    }

    private static Object layerNormalization(Patterns.Match m, Flow x, String where) throws ModelFormatException {
        int w = width(m, x, where);
        overFeatures(m.node("mean"), where);
        overFeatures(m.node("variance"), where);
        if (m.has("two")) {
            expect(m, "two", 2, 0, where);
        }
        float epsilon = m.scalar("epsilon");
        if (!(epsilon > 0) || epsilon == Float.POSITIVE_INFINITY) {
            throw new ModelFormatException(where + " adds ε = " + epsilon + " to the variance; vectornn needs a positive finite ε");
        }
        boolean scale = m.has("gamma");
        boolean center = m.has("beta");
        float[] params = new float[((scale ? 1 : 0) + (center ? 1 : 0)) * w];
        if (scale) {
            System.arraycopy(vector(m, "gamma", w, where), 0, params, 0, w);
        }
        if (center) {
            System.arraycopy(vector(m, "beta", w, where), 0, params, scale ? w : 0, w);
        }
        return new ImportedModel.LayerSpec(new LayerNormalization(epsilon, center, scale), params, new float[0]);
    }

    private static Object normalization(Patterns.Match m, Flow x, String where) throws ModelFormatException {
        int w = width(m, x, where);
        expect(m, "epsilon", OnnxExporter.NORMALIZATION_EPSILON, 0, where);
        float[] mean = vector(m, "mean", w, where);
        float[] variance = vector(m, "variance", w, where);
        for (int j = 0; j < w; j++) {
            if (!(variance[j] >= 0)) {
                throw new ModelFormatException(where + " normalization variance value " + j + " is " + variance[j]
                        + "; a variance is ≥ 0");
            }
        }
        boolean invert = m.pattern.root().type().equals("Add");
        float[] stats = Arrays.copyOf(mean, 2 * w);
        System.arraycopy(variance, 0, stats, w, w);
        return new ImportedModel.LayerSpec(new Normalization(mean, variance).invert(invert), new float[0], stats);
    }

    private static long[] ints(Patterns.Match m, String name) throws ModelFormatException {
        Const c = m.constant(name);
        if (c.isFloat() || c.rank() > 1) {
            throw new ModelFormatException("the " + m.pattern.what() + " pattern's " + name.replace('_', ' ') + " is a "
                    + c.describe() + "; expected integers");
        }
        return c.ints();
    }

    private static void sliceOfFeatures(Patterns.Match m, String side, long start, long end, int w, String where)
            throws ModelFormatException {
        NodeProto n = m.node(side);
        new Attributes(n, where + " (its Slice '" + n.getName() + "')", Set.of());
        long[] starts = ints(m, side + "_starts");
        long[] ends = ints(m, side + "_ends");
        long[] axes = ints(m, side + "_axes");
        boolean features = axes.length == 1 && (axes[0] == 1 || axes[0] == -1);
        boolean fits = starts.length == 1 && ends.length == 1 && starts[0] == start && (end == w ? ends[0] >= w : ends[0] == end);
        if (!features || !fits) {
            throw new ModelFormatException(where + " ends an embedding pattern whose Slice '" + n.getName() + "' takes "
                    + Arrays.toString(starts) + " to " + Arrays.toString(ends) + " of axes " + Arrays.toString(axes)
                    + "; expected the columns " + start + " to " + end + " of axis 1 around the embedded column");
        }
    }

    private static Object embedding(Patterns.Match m, Flow x, String where) throws ModelFormatException {
        int w = width(m, x, where);
        NodeProto pick = m.node("pick");
        long axis = new Attributes(pick, where + " (its Gather '" + pick.getName() + "')", Set.of("axis")).integer("axis", 0);
        long[] column = ints(m, "column");
        if ((axis != 1 && axis != -1) || m.constant("column").rank() != 0 || column[0] < 0 || column[0] >= w) {
            throw new ModelFormatException(where + " ends an embedding pattern whose Gather '" + pick.getName()
                    + "' picks " + Arrays.toString(column) + " of axis " + axis + "; expected one column (a scalar index "
                    + "in [0, " + w + ")) of axis 1");
        }
        int c = (int) column[0];
        NodeProto cast = m.node("cast");
        long to = new Attributes(cast, where + " (its Cast '" + cast.getName() + "')", Set.of("to", "saturate")).integer("to", 0);
        if (to != TensorProto.DataType.INT64_VALUE && to != TensorProto.DataType.INT32_VALUE) {
            throw new ModelFormatException(where + " casts the category to " + TensorData.typeName((int) to)
                    + "; an index is INT64 or INT32");
        }
        NodeProto lookup = m.node("lookup");
        if (new Attributes(lookup, where + " (its Gather '" + lookup.getName() + "')", Set.of("axis")).integer("axis", 0) != 0) {
            throw new ModelFormatException(where + " looks the category up on another axis than the table's rows");
        }
        Const table = m.constant("table");
        if (!table.isFloat() || table.rank() != 2 || table.shape()[0] < 1 || table.shape()[1] < 1
                || table.shape()[1] > OnnxImporter.MAX_WIDTH) {
            throw new ModelFormatException(where + " looks the category up in a " + table.describe()
                    + "; an embedding table is a float matrix [categories, dimensions]");
        }
        boolean hasLeft = m.node("left") != null;
        boolean hasRight = m.node("right") != null;
        if (hasLeft != (c > 0) || hasRight != (c < w - 1)) {
            throw new ModelFormatException(where + " ends an embedding pattern of column " + c + " of " + w
                    + " that leaves out the columns " + (hasLeft == (c > 0) ? "after" : "before") + " it");
        }
        if (hasLeft) {
            sliceOfFeatures(m, "left", 0, c, w, where);
        }
        if (hasRight) {
            sliceOfFeatures(m, "right", c + 1, w, w, where);
        }
        NodeProto concat = m.node("concat");
        if (concat != null) {
            long a = new Attributes(concat, where, Set.of("axis")).integer("axis", 0);
            if (a != 1 && a != -1) {
                throw new ModelFormatException(where + " concatenates on axis " + a + "; an embedding's columns are on axis 1");
            }
        }
        int categories = (int) table.shape()[0];
        int dims = (int) table.shape()[1];
        float[] values = OnnxImporter.finite(table.floats().clone(), where + " embedding table");
        return new ImportedModel.LayerSpec(new Embedding(categories, dims).column(c), values, new float[0]);
    }
}
