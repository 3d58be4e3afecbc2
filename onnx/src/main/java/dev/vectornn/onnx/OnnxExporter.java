package dev.vectornn.onnx;

import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.BatchNormalization;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.layers.Embedding;
import dev.vectornn.layers.GaussianNoise;
import dev.vectornn.layers.Layer;
import dev.vectornn.layers.LayerNormalization;
import dev.vectornn.layers.Normalization;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.BuiltinFunction;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a compiled {@link Sequential} into an ONNX {@link ModelProto} (see {@link Onnx} for the layout). */
final class OnnxExporter {

    static final String PRODUCER = "vectornn";
    static final String BATCH = "batch";

    /** SELU's constants as the float attributes ONNX's {@code Selu} takes (Keras' values; ONNX's defaults round to the same floats). */
    static final float SELU_ALPHA = (float) BuiltinFunction.SELU_ALPHA;
    static final float SELU_GAMMA = (float) BuiltinFunction.SELU_SCALE;
    /** Keras 3's hard_sigmoid, {@code relu6(x + 3) / 6}, is ONNX's {@code HardSigmoid} with alpha 1/6 and beta 1/2. */
    static final float HARD_SIGMOID_ALPHA = 1f / 6f;
    static final float GELU_SQRT2 = (float) Math.sqrt(2);
    static final float GELU_BETA = (float) Math.sqrt(2 / Math.PI);
    static final float GELU_KAPPA = 0.044715f;
    /** Keras' {@code backend.epsilon()}, the floor of Normalization's spread (core keeps its copy package-private). */
    static final float NORMALIZATION_EPSILON = 1e-7f;

    private final Sequential model;
    private final float[] params;
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("vectornn");
    /** The name of the value the next node reads. */
    private String current = Onnx.INPUT_NAME;

    private OnnxExporter(Sequential model) {
        this.model = model;
        this.params = model.getParameters();
    }

    static ModelProto toModel(Sequential model) {
        if (!model.isCompiled()) {
            throw new IllegalStateException("Call compile(...) before Onnx.export: only a compiled model has weights to export");
        }
        OnnxExporter e = new OnnxExporter(model);
        e.graph.addInput(valueInfo(Onnx.INPUT_NAME, model.inputWidth()));
        List<Layer> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            e.layer(l, layers.get(l), l == layers.size() - 1);
        }
        e.graph.addOutput(valueInfo(Onnx.OUTPUT_NAME, model.outputWidth()));
        return ModelProto.newBuilder()
                .setIrVersion(Onnx.IR_VERSION)
                .setProducerName(PRODUCER)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(Onnx.OPSET))
                .setGraph(e.graph)
                .build();
    }

    private void layer(int l, Layer layer, boolean last) {
        String prefix = "layers." + l + "." + layer.typeName();
        String out = outputName(prefix, last);
        if (layer instanceof Dense dense) {
            dense(l, prefix, dense, last);
        } else if (layer instanceof ActivationLayer a) {
            activation(prefix, a.activation(), current, last);
        } else if (layer instanceof Dropout d) {
            String ratio = prefix + ".ratio";
            graph.addInitializer(TensorProto.newBuilder().setName(ratio).setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .addFloatData(d.rate()));
            node("Dropout", prefix + ".dropout", List.of(current, ratio), out);
        } else if (layer instanceof GaussianNoise) {
            // Noise is added only while training; in inference, which is what ONNX runs, the layer is the identity.
            node("Identity", prefix + ".identity", List.of(current), out);
        } else if (layer instanceof BatchNormalization bn) {
            batchNormalization(l, prefix, bn, out);
        } else if (layer instanceof LayerNormalization ln) {
            layerNormalization(l, prefix, ln, out);
        } else if (layer instanceof Normalization n) {
            normalization(l, prefix, n, out);
        } else if (layer instanceof Embedding e) {
            embedding(l, prefix, e, out);
        } else {
            throw new IllegalStateException("Cannot export layer " + l + " (" + layer + ", type '" + layer.typeName()
                    + "') to ONNX: export knows the dense, activation, dropout, gaussian_noise, batch_normalization, "
                    + "layer_normalization, normalization and embedding layers");
        }
    }

    private void dense(int l, String prefix, Dense dense, boolean last) {
        int in = model.layerInputWidth(l);
        int units = dense.units();
        int offset = model.layerParameterOffset(l);
        String kernel = prefix + ".kernel";
        graph.addInitializer(floats(kernel, offset, in * units, in, units));
        boolean bias = dense.parameters(in).size() == 2;
        boolean linear = dense.activation() == Activation.LINEAR;
        String z = linear ? outputName(prefix, last) : prefix + ".z";
        if (bias) {
            String b = prefix + ".bias";
            graph.addInitializer(floats(b, offset + in * units, units, units));
            node("Gemm", prefix + ".gemm", List.of(current, kernel, b), z);
        } else {
            node("MatMul", prefix + ".matmul", List.of(current, kernel), z);
        }
        if (!linear) {
            activation(prefix, dense.activation(), z, last);
        }
    }

    /** Where each of layer {@code l}'s tensors starts in {@link #params}, by name: trainable, then non-trainable. */
    private Map<String, Integer> tensorOffsets(int l, Layer layer) {
        int in = model.layerInputWidth(l);
        Map<String, Integer> at = new HashMap<>();
        int off = model.layerParameterOffset(l);
        for (Layer.ParameterSpec p : layer.parameters(in)) {
            at.put(p.name(), off);
            off += p.size();
        }
        off = model.layerNonTrainableOffset(l);
        for (Layer.ParameterSpec p : layer.nonTrainableParameters(in)) {
            at.put(p.name(), off);
            off += p.size();
        }
        return at;
    }

    /** Tensor {@code tensor} of layer {@code l} (a vector of {@code width}) as an initializer, or {@code fill} where the layer has none. */
    private String vectorOf(Map<String, Integer> at, String prefix, String tensor, int width, float fill) {
        String name = prefix + "." + tensor;
        Integer off = at.get(tensor);
        if (off != null) {
            graph.addInitializer(floats(name, off, width, width));
        } else {
            float[] v = new float[width];
            Arrays.fill(v, fill);
            graph.addInitializer(tensor(name, v, width));
        }
        return name;
    }

    /**
     * Inference mode: ONNX's BatchNormalization with the moving statistics. ONNX needs a scale and a
     * bias, so a layer without {@code scale} or {@code center} writes ones or zeros (read back as a
     * trainable γ = 1 or β = 0).
     */
    private void batchNormalization(int l, String prefix, BatchNormalization bn, String out) {
        int w = model.layerInputWidth(l);
        Map<String, Integer> at = tensorOffsets(l, bn);
        List<String> inputs = List.of(current, vectorOf(at, prefix, "gamma", w, 1f), vectorOf(at, prefix, "beta", w, 0f),
                vectorOf(at, prefix, "moving_mean", w, 0f), vectorOf(at, prefix, "moving_variance", w, 1f));
        graph.addNode(nodeBuilder("BatchNormalization", prefix + ".batch_normalization", inputs, out)
                .addAttribute(floatAttribute("epsilon", bn.epsilon()))
                .addAttribute(floatAttribute("momentum", bn.momentum())));
    }

    /**
     * Opset 13 has no LayerNormalization (it came in opset 17): {@code (x − mean) / √(mean((x − mean)²) + ε)}
     * over the last axis, then {@code · γ} and {@code + β} where the layer has them. This is the
     * decomposition PyTorch writes before opset 17, with {@code d · d} for its {@code Pow(d, 2)}.
     */
    private void layerNormalization(int l, String prefix, LayerNormalization ln, String out) {
        int w = model.layerInputWidth(l);
        Map<String, Integer> at = tensorOffsets(l, ln);
        String x = current;
        String mean = reduceMean(prefix + ".mean", x);
        String centered = step("Sub", prefix + ".centered", x, mean);
        String squared = step("Mul", prefix + ".squared", centered, centered);
        String variance = reduceMean(prefix + ".variance", squared);
        String shifted = step("Add", prefix + ".variance_epsilon", variance, scalar(prefix + ".epsilon", ln.epsilon()));
        String std = step("Sqrt", prefix + ".std", shifted);
        boolean scale = at.containsKey("gamma");
        boolean center = at.containsKey("beta");
        String name = prefix + ".normalized";
        String y = emit("Div", name, scale || center ? name : out, centered, std);
        if (scale) {
            name = prefix + ".scaled";
            y = emit("Mul", name, center ? name : out, y, vectorOf(at, prefix, "gamma", w, 1f));
        }
        if (center) {
            emit("Add", prefix + ".shifted", out, y, vectorOf(at, prefix, "beta", w, 0f));
        }
    }

    private String reduceMean(String name, String input) {
        graph.addNode(nodeBuilder("ReduceMean", name, List.of(input), name)
                .addAttribute(AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS).addInts(-1))
                .addAttribute(intAttribute("keepdims", 1)));
        return name;
    }

    /**
     * {@code (x − mean) / max(√variance, ε)}, inverted {@code mean + x · max(√variance, ε)}, with the
     * spread computed in the graph from the stored variance: float square roots are correctly
     * rounded, so ONNX Runtime divides by exactly what vectornn does, and the variance reads back unchanged.
     */
    private void normalization(int l, String prefix, Normalization n, String out) {
        int w = model.layerInputWidth(l);
        Map<String, Integer> at = tensorOffsets(l, n);
        String x = current;
        String mean = vectorOf(at, prefix, "mean", w, 0f);
        String std = step("Sqrt", prefix + ".std", vectorOf(at, prefix, "variance", w, 1f));
        String spread = step("Max", prefix + ".spread", std, scalar(prefix + ".epsilon", NORMALIZATION_EPSILON));
        if (Boolean.TRUE.equals(n.config().get("invert"))) {
            emit("Add", prefix + ".shifted", out, step("Mul", prefix + ".scaled", x, spread), mean);
        } else {
            emit("Div", prefix + ".normalized", out, step("Sub", prefix + ".centered", x, mean), spread);
        }
    }

    /**
     * The category column picked out ({@code Gather} on axis 1), cast to an index and looked up in
     * the table ({@code Gather} on axis 0), between the columns before and after it ({@code Slice},
     * {@code Concat}); columns that are not there are left out rather than sliced empty.
     */
    private void embedding(int l, String prefix, Embedding e, String out) {
        int w = model.layerInputWidth(l);
        int c = e.column();
        // Embedding has no public getters for its sizes; its config has them (Keras' names).
        int categories = ((Number) e.config().get("input_dim")).intValue();
        int dim = ((Number) e.config().get("output_dim")).intValue();
        String x = current;
        String table = prefix + ".embeddings";
        graph.addInitializer(floats(table, model.layerParameterOffset(l), categories * dim, categories, dim));
        String column = prefix + ".column";
        graph.addInitializer(longs(column, new long[] {c}));
        String category = prefix + ".category";
        graph.addNode(nodeBuilder("Gather", category, List.of(x, column), category).addAttribute(intAttribute("axis", 1)));
        String index = prefix + ".index";
        graph.addNode(nodeBuilder("Cast", index, List.of(category), index)
                .addAttribute(intAttribute("to", TensorProto.DataType.INT64_VALUE)));
        boolean left = c > 0;
        boolean right = c < w - 1;
        String lookup = emit("Gather", prefix + ".lookup", left || right ? prefix + ".lookup" : out, table, index);
        if (!left && !right) {
            return;
        }
        List<String> parts = new ArrayList<>();
        String axes = prefix + ".axes";
        graph.addInitializer(longs(axes, new long[] {1}, 1));
        if (left) {
            parts.add(step("Slice", prefix + ".left", x, longs(prefix + ".left.starts", 0), longs(prefix + ".left.ends", c), axes));
        }
        parts.add(lookup);
        if (right) {
            parts.add(step("Slice", prefix + ".right", x, longs(prefix + ".right.starts", c + 1),
                    longs(prefix + ".right.ends", w), axes));
        }
        graph.addNode(nodeBuilder("Concat", prefix + ".concat", parts, out).addAttribute(intAttribute("axis", 1)));
    }

    private void activation(String prefix, Activation a, String input, boolean last) {
        String out = outputName(prefix, last);
        BuiltinFunction f = Activation.builtinFunction(a);
        // Activations are an open set (plugins): export the built-ins, refuse the rest by name.
        if (f == null) {
            throw new IllegalStateException("Cannot export activation '" + a.name() + "' to ONNX: it is not one of "
                    + "vectornn's built-in activations, and ONNX export knows only those");
        }
        switch (f.kind()) {
            case LINEAR -> node("Identity", prefix + ".identity", List.of(input), out);
            case RELU -> relu(prefix, f, input, out);
            case SIGMOID -> node("Sigmoid", prefix + ".sigmoid", List.of(input), out);
            case TANH -> node("Tanh", prefix + ".tanh", List.of(input), out);
            case SOFTMAX -> graph.addNode(nodeBuilder("Softmax", prefix + ".softmax", List.of(input), out)
                    .addAttribute(intAttribute("axis", -1)));
            case LEAKY_RELU -> graph.addNode(nodeBuilder("LeakyRelu", prefix + ".leaky_relu", List.of(input), out)
                    .addAttribute(floatAttribute("alpha", f.negativeSlope())));
            case ELU -> graph.addNode(nodeBuilder("Elu", prefix + ".elu", List.of(input), out)
                    .addAttribute(floatAttribute("alpha", f.alpha())));
            case SELU -> graph.addNode(nodeBuilder("Selu", prefix + ".selu", List.of(input), out)
                    .addAttribute(floatAttribute("alpha", SELU_ALPHA))
                    .addAttribute(floatAttribute("gamma", SELU_GAMMA)));
            case GELU -> {
                if (f.approximate()) {
                    geluTanh(prefix + ".gelu", input, out);
                } else {
                    geluErf(prefix + ".gelu", input, out);
                }
            }
            case SILU -> emit("Mul", prefix + ".silu", out, input, step("Sigmoid", prefix + ".silu.sigmoid", input));
            case SOFTPLUS -> node("Softplus", prefix + ".softplus", List.of(input), out);
            case SOFTSIGN -> node("Softsign", prefix + ".softsign", List.of(input), out);
            case HARD_SIGMOID -> graph.addNode(nodeBuilder("HardSigmoid", prefix + ".hard_sigmoid", List.of(input), out)
                    .addAttribute(floatAttribute("alpha", HARD_SIGMOID_ALPHA))
                    .addAttribute(floatAttribute("beta", 0.5f)));
            case EXPONENTIAL -> node("Exp", prefix + ".exponential", List.of(input), out);
        }
    }

    /**
     * Keras' relu with settings, as vectornn computes it: the input above the threshold
     * ({@code ThresholdedRelu}, when there is one), clipped to {@code [0, max_value]}, minus
     * {@code negative_slope · relu(threshold − x)}. A slope alone is a {@code LeakyRelu}.
     */
    private void relu(String prefix, BuiltinFunction f, String input, String out) {
        float slope = f.negativeSlope();
        float threshold = f.threshold();
        boolean clip = f.maxValue() != Float.POSITIVE_INFINITY;
        boolean leak = slope != 0f;
        if (!clip && threshold == 0f) {
            // Named as leaky_relu's node, so that it reads back (as leaky_relu) and writes again to the same bytes.
            NodeProto.Builder n = nodeBuilder(leak ? "LeakyRelu" : "Relu", prefix + (leak ? ".leaky_relu" : ".relu"),
                    List.of(input), out);
            graph.addNode(leak ? n.addAttribute(floatAttribute("alpha", slope)) : n);
            return;
        }
        String name = prefix + ".relu";
        String pass = input;
        if (threshold != 0f) {
            pass = clip || leak ? name + ".threshold" : out;
            graph.addNode(nodeBuilder("ThresholdedRelu", name + ".threshold", List.of(input), pass)
                    .addAttribute(floatAttribute("alpha", threshold)));
        }
        if (clip) {
            pass = emit("Clip", name + ".clip", leak ? name + ".clip" : out, pass, scalar(name + ".min", 0f),
                    scalar(name + ".max", f.maxValue()));
        }
        if (leak) {
            String distance = step("Sub", name + ".distance", scalar(name + ".threshold_value", threshold), input);
            String below = step("Mul", name + ".leak", scalar(name + ".negative_slope", slope), step("Relu", name + ".below", distance));
            emit("Sub", name, out, pass, below);
        }
    }

    /** {@code 0.5 x (1 + erf(x / √2))}, node for node what PyTorch writes for {@code GELU()}. */
    private void geluErf(String name, String x, String out) {
        String erf = step("Erf", name + ".erf", step("Div", name + ".div", x, scalar(name + ".sqrt2", GELU_SQRT2)));
        String product = step("Mul", name + ".mul", x, step("Add", name + ".add", erf, scalar(name + ".one", 1f)));
        emit("Mul", name, out, product, scalar(name + ".half", 0.5f));
    }

    /** {@code 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))}, node for node what PyTorch writes for {@code GELU('tanh')}. */
    private void geluTanh(String name, String x, String out) {
        String cube = step("Mul", name + ".cube", x, step("Mul", name + ".square", x, x));
        String inner = step("Add", name + ".inner", x, step("Mul", name + ".cubic", scalar(name + ".kappa", GELU_KAPPA), cube));
        String t = step("Tanh", name + ".tanh", step("Mul", name + ".scaled", scalar(name + ".beta", GELU_BETA), inner));
        String product = step("Mul", name + ".mul", x, step("Add", name + ".add", scalar(name + ".one", 1f), t));
        emit("Mul", name, out, scalar(name + ".half", 0.5f), product);
    }

    private static String outputName(String prefix, boolean last) {
        return last ? Onnx.OUTPUT_NAME : prefix + ".out";
    }

    private void node(String op, String name, List<String> inputs, String output) {
        graph.addNode(nodeBuilder(op, name, inputs, output));
    }

    /** Adds node {@code name} computing {@code output} from {@code inputs}; returns {@code output}. */
    private String emit(String op, String name, String output, String... inputs) {
        node(op, name, List.of(inputs), output);
        return output;
    }

    /** An intermediate value: a node whose output is named as the node. */
    private String step(String op, String name, String... inputs) {
        return emit(op, name, name, inputs);
    }

    /** A float scalar initializer (rank 0); returns its name. */
    private String scalar(String name, float value) {
        graph.addInitializer(tensor(name, new float[] {value}));
        return name;
    }

    /** A 1-D int64 initializer of one value; returns its name. */
    private String longs(String name, long value) {
        graph.addInitializer(longs(name, new long[] {value}, 1));
        return name;
    }

    private static TensorProto longs(String name, long[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private NodeProto.Builder nodeBuilder(String op, String name, List<String> inputs, String output) {
        current = output;
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
    }

    private TensorProto floats(String name, int offset, int count, int... dims) {
        float[] values = Arrays.copyOfRange(params, offset, offset + count);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalStateException("Cannot export the model: " + name + " value " + i + " is " + values[i]
                        + " (training diverged?)");
            }
        }
        return tensor(name, values, dims);
    }

    private static TensorProto tensor(String name, float[] values, int... dims) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(Arrays.stream(dims).asLongStream().boxed().toList())
                .setRawData(com.google.protobuf.ByteString.copyFrom(TensorData.littleEndian(values)))
                .build();
    }

    /** A float tensor value of shape {@code [batch, width]}. */
    private static ValueInfoProto valueInfo(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
