package dev.vectornn.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vectornn.io.ModelFormatException;
import dev.vectornn.layers.BatchNormalization;
import dev.vectornn.layers.LayerNormalization;
import dev.vectornn.spi.Activation;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX file into an {@link ImportedModel}: parses it with the classes generated from
 * {@code onnx.proto} (bounded: file size, nesting depth, node count, tensor sizes, folding budget),
 * then walks the nodes in their (topological) order, keeping for every named value either a
 * {@link Const} or the {@link Flow} on the data path. See {@link Onnx} for what is accepted.
 */
final class OnnxImporter {

    /** Larger files are refused before they are read. */
    static final long MAX_FILE_BYTES = 1L << 30;
    /** More nodes, initializers or inputs than this is not a feed-forward model. */
    static final int MAX_NODES = 100_000;
    /** The widest input or layer accepted. */
    static final long MAX_WIDTH = 1 << 24;
    /** The default-domain opsets this importer knows the semantics of. */
    static final int MIN_OPSET = 7;
    static final int MAX_OPSET = 23;
    /** Nesting protobuf may parse (sub-graphs in attributes); protobuf's own default is 100. */
    static final int MAX_NESTING = 64;

    static final String SUPPORTED = "Gemm, MatMul, Add (a bias), Relu, Sigmoid, Tanh, Softmax (last axis), LeakyRelu, Elu, "
            + "Selu, Gelu, Softplus, Softsign, HardSigmoid (alpha 1/6), Exp, ThresholdedRelu, Clip (min 0), "
            + "BatchNormalization, LayerNormalization, Identity, Dropout, Flatten and Reshape (keeping the batch "
            + "dimension), the GELU, SiLU, layer-normalization, normalization and embedding patterns vectornn and "
            + "PyTorch write (Erf, Mul, Sub, Div, ReduceMean, Sqrt, Max, Gather, Cast, Slice, Concat), and on constants "
            + "Constant, Shape, Gather, Unsqueeze, Squeeze, Concat, Cast, Transpose";

    /** ONNX activations vectornn has no counterpart for yet: named in the error rather than called unknown. */
    private static final Set<String> MISSING_ACTIVATIONS = Set.of("Celu", "Erf", "PRelu", "HardSwish", "Mish",
            "LogSoftmax", "Shrink");

    /** The ops of {@link ImportPatterns} that have no attributes (Clip only from opset 11, where patterns use it). */
    private static final Set<String> ATTRIBUTE_FREE = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Sqrt", "Erf",
            "Tanh", "Sigmoid", "Relu", "Clip", "Slice");

    private static final Object MASK = new Object();

    private final Map<String, Object> values = new HashMap<>();
    private final Folding folding = new Folding();
    private ImportedModel chain;
    private int headId;
    private int nextId;
    private int opset;

    private OnnxImporter() {
    }

    static ImportedModel read(Path file) throws IOException {
        ModelProto model = parse(file);
        try {
            return new OnnxImporter().walk(model);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file + ": " + e.getMessage(), e);
        }
    }

    static ModelProto parse(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(file + ": the file has " + size + " bytes; vectornn reads ONNX files of up to "
                    + MAX_FILE_BYTES + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) size + 1);
        }
        if (bytes.length > size) {
            throw new ModelFormatException(file + ": the file grew while it was read");
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(MAX_NESTING);
            ModelProto m = ModelProto.parseFrom(in);
            in.checkLastTagWas(0);
            return m;
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(file + ": not a readable ONNX model (the protobuf encoding is broken: "
                    + e.getMessage() + ")", e);
        }
    }

    private ImportedModel walk(ModelProto model) throws ModelFormatException {
        if (!model.hasGraph()) {
            throw new ModelFormatException("not an ONNX model: it has no graph");
        }
        opset = defaultOpset(model);
        GraphProto g = model.getGraph();
        if (g.getNodeCount() > MAX_NODES || g.getInitializerCount() > MAX_NODES || g.getInputCount() > MAX_NODES) {
            throw new ModelFormatException("the graph has " + g.getNodeCount() + " nodes and " + g.getInitializerCount()
                    + " initializers; at most " + MAX_NODES + " of each are read");
        }
        if (g.getSparseInitializerCount() > 0) {
            throw new ModelFormatException("the graph has sparse initializers, which vectornn does not read");
        }
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            define(t.getName(), TensorData.read(t, "initializer " + i + " '" + t.getName() + "'"), "initializer " + i);
        }
        input(g);
        boolean[] claimed = new boolean[g.getNodeCount()];
        Patterns.Match[] patterns = Patterns.find(g, ImportPatterns.ALL, claimed);
        missingActivations(g, claimed);
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            String where = "node " + i + " '" + n.getName() + "' (" + n.getOpType() + ")";
            if (patterns[i] != null) {
                pattern(g, patterns[i], n, where);
            } else if (!claimed[i]) {
                node(n, where);
            }
        }
        if (g.getOutputCount() != 1) {
            throw new ModelFormatException("the graph has " + g.getOutputCount() + " outputs; a Sequential model has one");
        }
        String out = g.getOutput(0).getName();
        Object v = values.get(out);
        if (!(v instanceof Flow f)) {
            throw new ModelFormatException("the graph's output '" + out + "' "
                    + (v == null ? "is computed by no node" : "does not depend on the input"));
        }
        if (f.id() != headId) {
            throw new ModelFormatException("the graph's output '" + out + "' is not the last value of the data path: "
                    + "the graph branches, which a Sequential model cannot hold");
        }
        return chain;
    }

    /**
     * Names an activation vectornn lacks before the walk meets the arithmetic around it: an Erf that
     * is not part of a GELU pattern would otherwise be reported as the Div before it.
     */
    private static void missingActivations(GraphProto g, boolean[] claimed) throws ModelFormatException {
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (!claimed[i] && MISSING_ACTIVATIONS.contains(n.getOpType()) && Patterns.isDefaultDomain(n)) {
                String what = n.getOpType().equals("Erf")
                        ? "Erf outside the GELU pattern 0.5 · x · (1 + erf(x / √2)) (which is read as gelu)" : n.getOpType();
                throw new ModelFormatException("node " + i + " '" + n.getName() + "' (" + n.getOpType() + "): ONNX import has no "
                        + "vectornn activation for " + what + " yet. Supported ops: " + SUPPORTED);
            }
        }
    }

    /** The walk reaches the last node of a pattern {@link Patterns#find} matched: one activation or layer. */
    private void pattern(GraphProto g, Patterns.Match m, NodeProto n, String where) throws ModelFormatException {
        // The arithmetic of a pattern takes no attributes; the builders read those of the nodes that do.
        for (int i : m.claimed) {
            NodeProto part = g.getNode(i);
            if (ATTRIBUTE_FREE.contains(part.getOpType())) {
                new Attributes(part, where + " (its node " + i + " '" + part.getName() + "', " + part.getOpType() + ")", Set.of());
            }
        }
        m.prepare((value, what) -> {
            Object v = values.get(value);
            if (v instanceof Const c) {
                return c;
            }
            throw new ModelFormatException(what + " ('" + value + "') is " + (v == null ? "defined by no earlier node or "
                    + "initializer" : "computed from the data") + "; it must be a constant");
        }, where);
        Flow x = headValue(m.x, n.getOpType(), where);
        Object made = m.pattern.builder().build(m, x, where);
        Flow out;
        if (made instanceof Activation a) {
            chain.activation(a);
            out = newFlow(x.dims());
        } else {
            ImportedModel.LayerSpec layer = (ImportedModel.LayerSpec) made;
            chain.add(layer);
            out = newFlow(new long[] {layer.layer().outputWidth((int) x.width())});
        }
        define(n.getOutput(0), out, where);
    }

    private static int defaultOpset(ModelProto model) throws ModelFormatException {
        Integer found = null;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                if (found != null) {
                    throw new ModelFormatException("the model imports the default opset twice");
                }
                long v = o.getVersion();
                if (v < MIN_OPSET || v > MAX_OPSET) {
                    throw new ModelFormatException("the model uses opset " + v + "; vectornn reads opsets " + MIN_OPSET
                            + " to " + MAX_OPSET + " of the default domain");
                }
                found = (int) v;
            }
        }
        if (found == null) {
            throw new ModelFormatException("the model imports no default-domain opset (opset_import is empty)");
        }
        return found;
    }

    private void input(GraphProto g) throws ModelFormatException {
        ValueInfoProto input = null;
        for (ValueInfoProto v : g.getInputList()) {
            if (values.containsKey(v.getName())) {
                continue; // an initializer listed as an input, as older exporters do
            }
            if (input != null) {
                throw new ModelFormatException("the graph has more than one input ('" + input.getName() + "', '"
                        + v.getName() + "'); a Sequential model has one");
            }
            input = v;
        }
        if (input == null) {
            throw new ModelFormatException("the graph has no input (every input is an initializer)");
        }
        String where = "the input '" + input.getName() + "'";
        TypeProto type = input.getType();
        if (!type.hasTensorType() || type.getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new ModelFormatException(where + " is not a float tensor; vectornn models take float32 inputs");
        }
        if (!type.getTensorType().hasShape() || type.getTensorType().getShape().getDimCount() < 2) {
            throw new ModelFormatException(where + " has no shape of rank 2 or more ([batch, features...]); "
                    + "vectornn needs to know the number of features");
        }
        TensorShapeProto shape = type.getTensorType().getShape();
        if (shape.getDimCount() > TensorData.MAX_RANK) {
            throw new ModelFormatException(where + " has rank " + shape.getDimCount());
        }
        long[] dims = new long[shape.getDimCount() - 1];
        long width = 1;
        for (int i = 1; i < shape.getDimCount(); i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() <= 0) {
                throw new ModelFormatException(where + " has dimension " + i + " = "
                        + (d.hasDimParam() ? "'" + d.getDimParam() + "'" : d.hasDimValue() ? d.getDimValue() : "unknown")
                        + "; every dimension but the batch must be a fixed positive size");
            }
            dims[i - 1] = d.getDimValue();
            width *= dims[i - 1];
            if (width > MAX_WIDTH) {
                throw new ModelFormatException(where + " has more than " + MAX_WIDTH + " features per sample");
            }
        }
        chain = new ImportedModel((int) width);
        define(input.getName(), newFlow(dims), where);
    }

    private Flow newFlow(long[] dims) {
        Flow f = new Flow(++nextId, dims);
        headId = f.id();
        return f;
    }

    private void define(String name, Object value, String where) throws ModelFormatException {
        if (name.isEmpty()) {
            throw new ModelFormatException(where + " has an empty name");
        }
        if (values.putIfAbsent(name, value) != null) {
            throw new ModelFormatException(where + " defines '" + name + "', which is already defined");
        }
    }

    // ------------------------------------------------------------------ nodes

    private void node(NodeProto n, String where) throws ModelFormatException {
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            throw new ModelFormatException(where + " is in domain '" + n.getDomain() + "'; vectornn reads the default "
                    + "ONNX domain: " + SUPPORTED);
        }
        String op = n.getOpType();
        Object result = switch (op) {
            case "Constant" -> constant(n, where);
            case "Identity" -> {
                new Attributes(n, where, Set.of());
                yield in(n, 0, where);
            }
            case "Gemm" -> gemm(n, where);
            case "MatMul" -> matmul(n, where);
            case "Add" -> add(n, where);
            case "Relu" -> activation(n, Activation.RELU, where);
            case "Sigmoid" -> activation(n, Activation.SIGMOID, where);
            case "Tanh" -> activation(n, Activation.TANH, where);
            case "Softmax" -> softmax(n, where);
            case "Dropout" -> dropout(n, where);
            case "Flatten" -> flatten(n, where);
            case "Reshape" -> reshape(n, where);
            case "Shape" -> shape(n, where);
            case "Gather" -> {
                Attributes a = new Attributes(n, where, Set.of("axis"));
                yield folding.gather(constIn(n, 0, where), constIn(n, 1, where), a.integer("axis", 0), where);
            }
            case "Unsqueeze" -> {
                Attributes a = new Attributes(n, where, Set.of("axes"));
                long[] axes = opset < 13 ? a.integers("axes") : ints(constIn(n, 1, where), where);
                if (axes == null) {
                    throw new ModelFormatException(where + " has no axes");
                }
                yield Folding.unsqueeze(constIn(n, 0, where), axes, where);
            }
            case "Squeeze" -> {
                Attributes a = new Attributes(n, where, Set.of("axes"));
                long[] axes = opset < 13 ? a.integers("axes") : optionalConst(n, 1, where) == null ? null
                        : ints(optionalConst(n, 1, where), where);
                yield Folding.squeeze(constIn(n, 0, where), axes, where);
            }
            case "Concat" -> {
                Attributes a = new Attributes(n, where, Set.of("axis"));
                if (a.get("axis") == null || n.getInputCount() == 0) {
                    throw new ModelFormatException(where + " needs an axis and at least one input");
                }
                Const[] parts = new Const[n.getInputCount()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = constIn(n, i, where);
                }
                yield folding.concat(parts, a.integer("axis", 0), where);
            }
            case "Cast" -> {
                Attributes a = new Attributes(n, where, Set.of("to", "saturate"));
                yield folding.cast(constIn(n, 0, where), (int) a.integer("to", 0), where);
            }
            case "Transpose" -> {
                Attributes a = new Attributes(n, where, Set.of("perm"));
                yield folding.transpose(constIn(n, 0, where), a.integers("perm"), where);
            }
            case "LeakyRelu" -> {
                // ONNX's default slope is 0.01 (PyTorch's), not Keras' 0.2.
                float alpha = new Attributes(n, where, Set.of("alpha")).real("alpha", 0.01f);
                yield apply(n, configured(Activation.LEAKY_RELU, Map.of("negative_slope", (double) alpha), where), where);
            }
            case "Elu" -> {
                float alpha = new Attributes(n, where, Set.of("alpha")).real("alpha", 1f);
                yield apply(n, configured(Activation.ELU, Map.of("alpha", (double) alpha), where), where);
            }
            case "Selu" -> selu(n, where);
            case "Gelu" -> gelu(n, where);
            case "Softplus" -> activation(n, Activation.SOFTPLUS, where);
            case "Softsign" -> activation(n, Activation.SOFTSIGN, where);
            case "Exp" -> activation(n, Activation.EXPONENTIAL, where);
            case "HardSigmoid" -> hardSigmoid(n, where);
            case "ThresholdedRelu" -> {
                float alpha = new Attributes(n, where, Set.of("alpha")).real("alpha", 1f);
                yield apply(n, configured(Activation.RELU, Map.of("threshold", (double) alpha), where), where);
            }
            case "Clip" -> clip(n, where);
            case "BatchNormalization" -> batchNormalization(n, where);
            case "LayerNormalization" -> layerNormalization(n, where);
            default -> throw new ModelFormatException(where + ": op type " + op + " is not supported. Supported: " + SUPPORTED);
        };
        if (n.getOutputCount() < 1) {
            throw new ModelFormatException(where + " has no output");
        }
        define(n.getOutput(0), result, where);
        for (int i = 1; i < n.getOutputCount(); i++) {
            if (!n.getOutput(i).isEmpty()) {
                if (!op.equals("Dropout")) {
                    throw new ModelFormatException(where + " has " + n.getOutputCount() + " outputs; expected one");
                }
                define(n.getOutput(i), MASK, where);
            }
        }
    }

    /** Input {@code i} of a node: a constant or a flow, defined by an earlier node or initializer. */
    private Object in(NodeProto n, int i, String where) throws ModelFormatException {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) {
            throw new ModelFormatException(where + " lacks input " + i);
        }
        Object v = values.get(n.getInput(i));
        if (v == null) {
            throw new ModelFormatException(where + " reads '" + n.getInput(i) + "', which no earlier node, initializer "
                    + "or input defines (nodes must come in topological order)");
        }
        if (v == MASK) {
            throw new ModelFormatException(where + " reads '" + n.getInput(i) + "', a Dropout mask; vectornn does not "
                    + "support using the mask");
        }
        return v;
    }

    private Const constIn(NodeProto n, int i, String where) throws ModelFormatException {
        if (in(n, i, where) instanceof Const c) {
            return c;
        }
        throw new ModelFormatException(where + " computes with the data itself in input " + i + " ('" + n.getInput(i)
                + "'); vectornn supports " + n.getOpType() + " only on constants. Supported: " + SUPPORTED);
    }

    private Const optionalConst(NodeProto n, int i, String where) throws ModelFormatException {
        return i < n.getInputCount() && !n.getInput(i).isEmpty() ? constIn(n, i, where) : null;
    }

    /** Input {@code i} as the newest value of the data path. */
    private Flow head(NodeProto n, int i, String where) throws ModelFormatException {
        in(n, i, where);
        return headValue(n.getInput(i), n.getOpType(), where);
    }

    /** Value {@code name} as the newest value of the data path, for an {@code op} at {@code where}. */
    private Flow headValue(String name, String op, String where) throws ModelFormatException {
        Object v = values.get(name);
        if (v == null || v == MASK) {
            throw new ModelFormatException(where + " reads '" + name + "', which no earlier node, initializer or input "
                    + "defines as data");
        }
        if (!(v instanceof Flow f)) {
            throw new ModelFormatException(where + " applies " + op + " to a constant ('" + name
                    + "'), not to the data; vectornn cannot fold " + op);
        }
        if (f.id() != headId) {
            throw new ModelFormatException(where + " reads '" + name + "', an earlier value of the data path: "
                    + "the graph branches (a skip connection?), which a Sequential model cannot hold");
        }
        return f;
    }

    private static long[] ints(Const c, String where) throws ModelFormatException {
        if (c.isFloat() || c.rank() > 1) {
            throw new ModelFormatException(where + " expects a 1-D integer tensor, got a " + c.describe());
        }
        return c.ints();
    }

    private Flow matrixHead(NodeProto n, String where) throws ModelFormatException {
        Flow x = head(n, 0, where);
        if (x.dims().length != 1) {
            throw new ModelFormatException(where + " takes an input of shape [batch, " + joined(x.dims())
                    + "]; vectornn's dense layers take [batch, features] (Flatten first)");
        }
        return x;
    }

    private static String joined(long[] dims) {
        String s = Arrays.toString(dims);
        return s.substring(1, s.length() - 1);
    }

    // ------------------------------------------------------------------ layers

    private Object gemm(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("alpha", "beta", "transA", "transB", "broadcast"));
        if (a.integer("transA", 0) != 0) {
            throw new ModelFormatException(where + " has transA=1, which transposes the data; vectornn supports transA=0");
        }
        boolean transB = a.integer("transB", 0) != 0;
        float alpha = a.real("alpha", 1f);
        float beta = a.real("beta", 1f);
        Flow x = matrixHead(n, where);
        Const b = constIn(n, 1, where);
        int in = (int) x.dims()[0];
        if (b.rank() != 2 || b.shape()[transB ? 1 : 0] != in || !b.isFloat()) {
            throw new ModelFormatException(where + " has weights B of " + b.describe() + " (transB=" + (transB ? 1 : 0)
                    + ") for an input of " + in + " features");
        }
        int units = (int) b.shape()[transB ? 0 : 1];
        checkWidth(units, where);
        float[] kernel = transB ? Folding.transposed(b.floats(), units, in) : b.floats().clone();
        if (alpha != 1f) {
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] *= alpha;
            }
        }
        Const c = optionalConst(n, 2, where);
        float[] bias = c == null ? null : vector(c, units, where + " input C");
        if (bias != null && beta != 1f) {
            for (int i = 0; i < bias.length; i++) {
                bias[i] *= beta;
            }
        }
        finite(kernel, where + " weights");
        if (bias != null) {
            finite(bias, where + " bias");
        }
        chain.add(new ImportedModel.DenseSpec(in, units, kernel, bias));
        return newFlow(new long[] {units});
    }

    private Object matmul(NodeProto n, String where) throws ModelFormatException {
        new Attributes(n, where, Set.of());
        Flow x = matrixHead(n, where);
        Const b = constIn(n, 1, where);
        int in = (int) x.dims()[0];
        if (b.rank() != 2 || b.shape()[0] != in || !b.isFloat()) {
            throw new ModelFormatException(where + " multiplies by a " + b.describe() + "; for an input of " + in
                    + " features vectornn needs a float matrix [" + in + ", units]");
        }
        int units = (int) b.shape()[1];
        checkWidth(units, where);
        chain.add(new ImportedModel.DenseSpec(in, units, finite(b.floats().clone(), where + " weights"), null));
        return newFlow(new long[] {units});
    }

    private Object add(NodeProto n, String where) throws ModelFormatException {
        new Attributes(n, where, Set.of());
        boolean flowFirst = in(n, 0, where) instanceof Flow;
        Flow x = head(n, flowFirst ? 0 : 1, where);
        Const c = constIn(n, flowFirst ? 1 : 0, where);
        ImportedModel.DenseSpec dense = chain.openDense();
        if (dense == null || x.dims().length != 1) {
            throw new ModelFormatException(where + " adds a constant that is not the bias of a dense layer (it follows "
                    + (chain.isEmpty() ? "the input" : "an activation or another layer") + "). Supported: " + SUPPORTED);
        }
        float[] add = finite(vector(c, dense.units, where + " bias"), where + " bias");
        if (dense.bias == null) {
            dense.bias = add;
        } else {
            for (int i = 0; i < add.length; i++) {
                dense.bias[i] += add[i];
            }
            finite(dense.bias, where + " bias sum");
        }
        return newFlow(x.dims());
    }

    /** A float vector of {@code units} values from a constant of shape [units], [1, units], [1] or [] (broadcast). */
    static float[] vector(Const c, int units, String where) throws ModelFormatException {
        long[] s = c.shape();
        boolean scalar = c.size() == 1 && s.length <= 2;
        boolean row = (s.length == 1 && s[0] == units) || (s.length == 2 && s[0] == 1 && s[1] == units);
        if (!c.isFloat() || !(scalar || row)) {
            throw new ModelFormatException(where + " is a " + c.describe() + "; expected a float vector of " + units
                    + " values (shape [" + units + "] or [1, " + units + "])");
        }
        float[] v = new float[units];
        for (int i = 0; i < units; i++) {
            v[i] = c.floats()[scalar ? 0 : i];
        }
        return v;
    }

    /** {@code v}, if every value is finite: a NaN or infinite weight is a corrupted file, not a model. */
    static float[] finite(float[] v, String where) throws ModelFormatException {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new ModelFormatException(where + " value " + i + " is " + v[i] + "; weights must be finite");
            }
        }
        return v;
    }

    private static void checkWidth(long units, String where) throws ModelFormatException {
        if (units <= 0 || units > MAX_WIDTH) {
            throw new ModelFormatException(where + " has " + units + " outputs; expected 1 to " + MAX_WIDTH);
        }
    }

    /** An activation node without attributes. */
    private Object activation(NodeProto n, Activation a, String where) throws ModelFormatException {
        new Attributes(n, where, Set.of());
        return apply(n, a, where);
    }

    /** An activation node whose attributes the caller has read. */
    private Object apply(NodeProto n, Activation a, String where) throws ModelFormatException {
        if (n.getInputCount() != 1) {
            throw new ModelFormatException(where + " has " + n.getInputCount() + " inputs; an activation has one");
        }
        Flow x = head(n, 0, where);
        chain.activation(a);
        return newFlow(x.dims());
    }

    private static Activation configured(Activation base, Map<String, Object> config, String where) throws ModelFormatException {
        try {
            return base.configure(config);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
    }

    private Object selu(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("alpha", "gamma"));
        float alpha = a.real("alpha", OnnxExporter.SELU_ALPHA);
        float gamma = a.real("gamma", OnnxExporter.SELU_GAMMA);
        if (alpha != OnnxExporter.SELU_ALPHA || gamma != OnnxExporter.SELU_GAMMA) {
            throw new ModelFormatException(where + " has alpha " + alpha + " and gamma " + gamma + "; vectornn's selu has "
                    + "Keras' fixed constants, alpha " + OnnxExporter.SELU_ALPHA + " and gamma (scale) " + OnnxExporter.SELU_GAMMA);
        }
        return apply(n, Activation.SELU, where);
    }

    /** Opset 20's Gelu op. */
    private Object gelu(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("approximate"));
        AttributeProto approximate = a.get("approximate");
        String form = approximate == null ? "none" : approximate.getS().toStringUtf8();
        if (!form.equals("none") && !form.equals("tanh")) {
            throw new ModelFormatException(where + " has approximate='" + form + "'; ONNX's Gelu knows 'none' and 'tanh'");
        }
        return apply(n, configured(Activation.GELU, Map.of("approximate", form.equals("tanh")), where), where);
    }

    /** Keras 3's hard_sigmoid is HardSigmoid(alpha = 1/6, beta = 0.5); ONNX's defaults (0.2, 0.5) are Keras 2's. */
    private Object hardSigmoid(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("alpha", "beta"));
        float alpha = a.real("alpha", 0.2f);
        float beta = a.real("beta", 0.5f);
        if (Math.abs(alpha - 1.0 / 6) > 1e-7 || beta != 0.5f) {
            throw new ModelFormatException(where + " has alpha " + alpha + " and beta " + beta + "; vectornn's hard_sigmoid "
                    + "is Keras 3's relu6(x + 3) / 6, alpha 1/6 and beta 0.5 (ONNX's defaults 0.2 and 0.5 are Keras 2's)");
        }
        return apply(n, Activation.HARD_SIGMOID, where);
    }

    /** Clip(x, 0, max) is relu with max_value (PyTorch's ReLU6 is Clip(x, 0, 6)); without a max, relu. */
    private Object clip(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, opset < 11 ? Set.of("min", "max") : Set.of());
        float min;
        float max;
        if (opset < 11) {
            min = a.real("min", Float.NEGATIVE_INFINITY);
            max = a.real("max", Float.POSITIVE_INFINITY);
        } else {
            Const lo = optionalConst(n, 1, where);
            Const hi = optionalConst(n, 2, where);
            min = lo == null ? Float.NEGATIVE_INFINITY : vector(lo, 1, where + " min")[0];
            max = hi == null ? Float.POSITIVE_INFINITY : vector(hi, 1, where + " max")[0];
        }
        if (min != 0f || !(max > 0)) {
            throw new ModelFormatException(where + " clips to [" + min + ", " + max + "]; vectornn reads a Clip from 0 to a "
                    + "positive maximum, as relu with max_value");
        }
        Flow x = head(n, 0, where);
        chain.activation(max == Float.POSITIVE_INFINITY ? Activation.RELU
                : configured(Activation.RELU, Map.of("max_value", (double) max), where));
        return newFlow(x.dims());
    }

    /** Inference-mode batch normalization of [batch, features]: vectornn's layer with γ, β and the moving statistics. */
    private Object batchNormalization(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("epsilon", "momentum", "spatial", "training_mode", "is_test"));
        if (a.integer("training_mode", 0) != 0) {
            throw new ModelFormatException(where + " runs in training mode; vectornn imports inference graphs");
        }
        if (a.integer("spatial", 1) != 1) {
            throw new ModelFormatException(where + " has spatial=0 (statistics per value, not per channel); "
                    + "vectornn reads spatial=1");
        }
        if (n.getInputCount() != 5) {
            throw new ModelFormatException(where + " has " + n.getInputCount() + " inputs; BatchNormalization has five "
                    + "(X, scale, B, mean, var)");
        }
        Flow x = head(n, 0, where);
        if (x.dims().length != 1) {
            throw new ModelFormatException(where + " normalizes the channels (axis 1) of a value of shape [batch, "
                    + joined(x.dims()) + "]; vectornn's BatchNormalization works on [batch, features] (Flatten first)");
        }
        int w = (int) x.dims()[0];
        float epsilon = a.real("epsilon", 1e-5f);
        float momentum = a.real("momentum", 0.9f);
        if (!(epsilon > 0) || epsilon == Float.POSITIVE_INFINITY || !(momentum >= 0 && momentum <= 1)) {
            throw new ModelFormatException(where + " has epsilon " + epsilon + " and momentum " + momentum
                    + "; vectornn needs a positive finite epsilon and a momentum in [0, 1]");
        }
        String[] names = {"scale", "B", "mean", "var"};
        float[][] v = new float[4][];
        for (int i = 0; i < 4; i++) {
            v[i] = finite(vector(constIn(n, i + 1, where), w, where + " " + names[i]), where + " " + names[i]);
        }
        for (int j = 0; j < w; j++) {
            if (!(v[3][j] >= 0)) {
                throw new ModelFormatException(where + " var value " + j + " is " + v[3][j] + "; a variance is ≥ 0");
            }
        }
        chain.add(new ImportedModel.LayerSpec(new BatchNormalization(momentum, epsilon, true, true), concat(v[0], v[1]),
                concat(v[2], v[3])));
        return newFlow(x.dims());
    }

    /** Opset 17's LayerNormalization over the features of [batch, features]. */
    private Object layerNormalization(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("axis", "epsilon", "stash_type"));
        Flow x = head(n, 0, where);
        long axis = a.integer("axis", -1);
        if (x.dims().length != 1 || (axis != -1 && axis != 1)) {
            throw new ModelFormatException(where + " normalizes from axis " + axis + " of a value of shape [batch, "
                    + joined(x.dims()) + "]; vectornn's LayerNormalization works on the features of [batch, features]");
        }
        int w = (int) x.dims()[0];
        float epsilon = a.real("epsilon", 1e-5f);
        if (!(epsilon > 0) || epsilon == Float.POSITIVE_INFINITY) {
            throw new ModelFormatException(where + " has epsilon " + epsilon + "; vectornn needs a positive finite epsilon");
        }
        float[] gamma = finite(vector(constIn(n, 1, where), w, where + " Scale"), where + " Scale");
        Const b = optionalConst(n, 2, where);
        float[] beta = b == null ? new float[0] : finite(vector(b, w, where + " B"), where + " B");
        chain.add(new ImportedModel.LayerSpec(new LayerNormalization(epsilon, b != null, true), concat(gamma, beta), new float[0]));
        return newFlow(x.dims());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private Object softmax(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("axis"));
        Flow x = head(n, 0, where);
        int rank = x.dims().length + 1;
        long axis = Folding.normalizeAxis(a.integer("axis", opset < 13 ? 1 : -1), rank, where);
        // Before opset 13 Softmax flattens from `axis` on; on a rank-2 value both readings are the row softmax.
        if (axis != 1 || rank != 2) {
            throw new ModelFormatException(where + " takes the softmax over axis " + a.integer("axis", 0) + " of a rank-"
                    + rank + " value; vectornn's softmax is over the features of [batch, features]");
        }
        chain.activation(Activation.SOFTMAX);
        return newFlow(x.dims());
    }

    private Object dropout(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("ratio", "seed", "is_test"));
        Object x = in(n, 0, where);
        float ratio = a.real("ratio", 0.5f);
        if (opset >= 12) {
            Const r = optionalConst(n, 1, where);
            ratio = r == null ? 0.5f : vector(r, 1, where + " ratio")[0];
            Const training = optionalConst(n, 2, where);
            if (training != null && (training.size() != 1 || training.asFloats()[0] != 0f)) {
                throw new ModelFormatException(where + " runs in training mode; vectornn imports inference graphs");
            }
        }
        if (!(ratio >= 0f && ratio < 1f)) {
            throw new ModelFormatException(where + " has ratio " + ratio + "; expected 0 ≤ ratio < 1");
        }
        if (x instanceof Const) {
            return x;
        }
        Flow f = head(n, 0, where);
        chain.add(new ImportedModel.DropoutSpec(ratio));
        return newFlow(f.dims());
    }

    private Object flatten(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("axis"));
        Object v = in(n, 0, where);
        long axis = a.integer("axis", 1);
        if (v instanceof Const c) {
            long k = axis < 0 ? axis + c.rank() : axis;
            if (k < 0 || k > c.rank()) {
                throw new ModelFormatException(where + " has axis " + axis + " for a tensor of rank " + c.rank());
            }
            long outer = 1;
            for (int i = 0; i < k; i++) {
                outer *= c.shape()[i];
            }
            return c.reshaped(new long[] {outer, c.size() / Math.max(1, outer)});
        }
        Flow x = head(n, 0, where);
        int rank = x.dims().length + 1;
        if ((axis < 0 ? axis + rank : axis) != 1) {
            throw new ModelFormatException(where + " flattens at axis " + axis + " of a rank-" + rank
                    + " value; vectornn keeps the batch dimension, so only axis 1 is supported");
        }
        return newFlow(new long[] {x.width()});
    }

    private Object reshape(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("allowzero"));
        boolean allowZero = a.integer("allowzero", 0) != 0;
        Object v = in(n, 0, where);
        Const shape = constIn(n, 1, where);
        if (v instanceof Const c) {
            return Folding.reshape(c, shape, allowZero, where);
        }
        Flow x = head(n, 0, where);
        long[] target = ints(shape, where).clone();
        if (target.length < 2) {
            throw new ModelFormatException(where + " reshapes the data to rank " + target.length
                    + "; vectornn keeps the batch dimension and needs [batch, features...]");
        }
        // Dimension 0 must stay the batch: the batch size itself (folded from Shape), 0 (copy it) or -1 (inferred).
        boolean batchFirst = target[0] == Const.BATCH || (target[0] == 0 && !allowZero) || target[0] == -1;
        long[] rest = Arrays.copyOfRange(target, 1, target.length);
        for (int i = 0; i < rest.length; i++) {
            if (rest[i] == 0 && !allowZero) {
                if (i >= x.dims().length) {
                    throw new ModelFormatException(where + " copies dimension " + (i + 1) + " of a rank-"
                            + (x.dims().length + 1) + " value");
                }
                rest[i] = x.dims()[i];
            }
        }
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < rest.length; i++) {
            if (rest[i] == -1 && target[0] != -1 && inferred < 0) {
                inferred = i;
            } else if (rest[i] <= 0 || rest[i] > MAX_WIDTH || (known *= rest[i]) > MAX_WIDTH) {
                throw new ModelFormatException(where + " reshapes the data to " + describeShape(target)
                        + "; vectornn supports reshapes of [batch, ...] to [batch, features...]");
            }
        }
        if (inferred >= 0) {
            if (x.width() % known != 0) {
                throw new ModelFormatException(where + " cannot infer the -1 in " + describeShape(target));
            }
            rest[inferred] = x.width() / known;
            known = x.width();
        }
        if (!batchFirst || known != x.width()) {
            throw new ModelFormatException(where + " reshapes [batch, " + joined(x.dims()) + "] to " + describeShape(target)
                    + "; vectornn supports only reshapes that keep the batch dimension");
        }
        return newFlow(rest);
    }

    private static String describeShape(long[] shape) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i] == Const.BATCH ? "batch" : Long.toString(shape[i]));
        }
        return s.append(']').toString();
    }

    private Object shape(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("start", "end"));
        Object v = in(n, 0, where);
        long[] full;
        if (v instanceof Flow f) {
            full = new long[f.dims().length + 1];
            full[0] = Const.BATCH;
            System.arraycopy(f.dims(), 0, full, 1, f.dims().length);
        } else {
            full = ((Const) v).shape().clone();
        }
        int r = full.length;
        long start = a.integer("start", 0);
        long end = a.integer("end", r);
        int s = (int) Math.max(0, Math.min(r, start < 0 ? start + r : start));
        int e = (int) Math.max(0, Math.min(r, end < 0 ? end + r : end));
        long[] picked = Arrays.copyOfRange(full, s, Math.max(s, e));
        return Const.ofInts(new long[] {picked.length}, picked);
    }

    private Object constant(NodeProto n, String where) throws ModelFormatException {
        Attributes a = new Attributes(n, where, Set.of("value", "value_float", "value_floats", "value_int", "value_ints"));
        if (n.getAttributeCount() != 1) {
            throw new ModelFormatException(where + " must have exactly one value attribute, has " + n.getAttributeCount());
        }
        AttributeProto v = n.getAttribute(0);
        return switch (v.getName()) {
            case "value" -> {
                if (!v.hasT()) {
                    throw new ModelFormatException(where + " attribute 'value' holds no tensor");
                }
                yield TensorData.read(v.getT(), where + " value");
            }
            case "value_float" -> Const.ofFloats(new long[0], new float[] {a.real("value_float", 0f)});
            case "value_int" -> Const.ofInts(new long[0], new long[] {a.integer("value_int", 0)});
            case "value_ints" -> {
                long[] ints = a.integers("value_ints");
                yield Const.ofInts(new long[] {ints.length}, ints);
            }
            default -> {
                if (v.getType() != AttributeProto.AttributeType.FLOATS) {
                    throw new ModelFormatException(where + " attribute 'value_floats' must be FLOATS, got " + v.getType());
                }
                float[] f = new float[v.getFloatsCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = v.getFloats(i);
                }
                yield Const.ofFloats(new long[] {f.length}, f);
            }
        };
    }
}
