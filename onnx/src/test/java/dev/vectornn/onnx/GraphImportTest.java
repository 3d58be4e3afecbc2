package dev.vectornn.onnx;

import com.google.protobuf.ByteString;
import dev.vectornn.io.ModelFormatException;
import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graphs built here by hand, in the shapes tf2onnx and older exporters write, and graphs vectornn
 * must refuse with a message that names the node. Budget: under 1 s.
 */
class GraphImportTest {

    @TempDir
    Path dir;

    private static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static TensorProto ints(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static NodeProto node(String op, String name, List<String> in, String out, AttributeProto... attrs) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out)
                .addAllAttribute(List.of(attrs)).build();
    }

    private static ValueInfoProto value(String name, Object batch, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        s.addDim(batch instanceof String p ? TensorShapeProto.Dimension.newBuilder().setDimParam(p)
                : TensorShapeProto.Dimension.newBuilder().setDimValue((Long) batch));
        for (long d : dims) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    private Path write(GraphProto.Builder g, int opset) throws IOException {
        Path p = dir.resolve("g.onnx");
        Files.write(p, ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset))
                .setGraph(g).build().toByteArray());
        return p;
    }

    /** tf2onnx's dense layer: MatMul by a [in, units] kernel, then Add of the bias, then the activation. */
    private static GraphProto.Builder tf2onnxStyle() {
        return GraphProto.newBuilder().setName("tf2onnx")
                .addInput(value("dense_input", "unk__6", 2))
                .addInitializer(floats("kernel", new float[] {1, 2, 3, 4, 5, 6}, 2, 3))
                .addInitializer(floats("bias", new float[] {0.5f, -0.5f, 1}, 3))
                .addNode(node("MatMul", "dense/MatMul", List.of("dense_input", "kernel"), "mm"))
                .addNode(node("Add", "dense/BiasAdd", List.of("mm", "bias"), "z"))
                .addNode(node("Tanh", "dense/Tanh", List.of("z"), "dense"))
                .addOutput(value("dense", "unk__7", 3));
    }

    @Test
    void matMulThenAddIsOneDenseLayerWithItsBiasAndActivation() throws IOException {
        Sequential m = Onnx.load(write(tf2onnxStyle(), 13));
        Dense d = assertInstanceOf(Dense.class, m.layers().get(0));
        assertEquals(1, m.layers().size());
        assertEquals(Activation.TANH, d.activation());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 0.5f, -0.5f, 1}, m.getParameters());
        float[] y = m.predict(new float[] {1, 1});
        assertArrayEquals(new float[] {(float) Math.tanh(5.5), (float) Math.tanh(6.5), (float) Math.tanh(10)}, y, 1e-6f);
    }

    @Test
    void gemmAppliesAlphaBetaAndTransBAndAConstantReshapeOfTheInputIsFolded() throws IOException {
        AttributeProto alpha = AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT).setF(2).build();
        AttributeProto beta = AttributeProto.newBuilder().setName("beta").setType(AttributeProto.AttributeType.FLOAT).setF(3).build();
        AttributeProto transB = AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1).build();
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(value("x", 1L, 2, 1))
                .addInitializer(ints("shape", 0, -1))
                .addInitializer(floats("w", new float[] {1, 0, 0, 1, 1, 1}, 3, 2))
                .addInitializer(floats("c", new float[] {1}, 1))
                .addNode(node("Reshape", "flat", List.of("x", "shape"), "x2"))
                .addNode(node("Identity", "id", List.of("x2"), "x3"))
                .addNode(node("Gemm", "fc", List.of("x3", "w", "c"), "y", alpha, beta, transB))
                .addOutput(value("y", 1L, 3));
        Sequential m = Onnx.load(write(g, 13));
        assertEquals(2, m.inputWidth());
        assertArrayEquals(new float[] {2 * 3 + 3, 2 * 5 + 3, 2 * 8 + 3}, m.predict(new float[] {3, 5}), 0f);
    }

    private void refused(GraphProto.Builder g, int opset, String... fragments) throws IOException {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Onnx.load(write(g, opset)));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "expected '" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void anUnknownOpIsRefusedNamingTheNodeTheOpAndWhatIsSupported() throws IOException {
        GraphProto.Builder g = tf2onnxStyle().addNode(node("Conv", "conv1", List.of("dense"), "c"));
        refused(g, 13, "node 3 'conv1' (Conv)", "op type Conv is not supported", "Supported: Gemm, MatMul");
    }

    @Test
    void aBranchingGraphIsRefused() throws IOException {
        GraphProto.Builder g = tf2onnxStyle().addNode(node("Relu", "late", List.of("z"), "r"));
        refused(g, 13, "node 3 'late' (Relu)", "branches");
    }

    @Test
    void aConstantAddAfterAnActivationIsRefused() throws IOException {
        GraphProto.Builder g = tf2onnxStyle().setOutput(0, value("after", "n", 3))
                .addNode(node("Add", "shift", List.of("dense", "bias"), "after"));
        refused(g, 13, "'shift' (Add)", "not the bias of a dense layer");
    }

    @Test
    void softmaxOverTheBatchIsRefused() throws IOException {
        AttributeProto axis0 = AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0).build();
        GraphProto.Builder g = tf2onnxStyle().setOutput(0, value("p", "n", 3))
                .addNode(node("Softmax", "sm", List.of("dense"), "p", axis0));
        refused(g, 13, "'sm' (Softmax)", "axis 0");
    }

    @Test
    void opsetsOutsideTheKnownRangeAndForeignDomainsAreRefused() throws IOException {
        refused(tf2onnxStyle(), 6, "opset 6", "7 to 23");
        GraphProto.Builder g = tf2onnxStyle();
        g.setNode(2, g.getNode(2).toBuilder().setDomain("com.microsoft"));
        refused(g, 13, "'dense/Tanh' (Tanh)", "domain 'com.microsoft'");
    }

    @Test
    void nodesOutOfOrderTwoInputsAndExternalDataAreRefused() throws IOException {
        GraphProto.Builder swapped = tf2onnxStyle();
        NodeProto first = swapped.getNode(0);
        swapped.setNode(0, swapped.getNode(1)).setNode(1, first);
        refused(swapped, 13, "reads 'mm'", "topological order");
        refused(tf2onnxStyle().addInput(value("second", "n", 2)), 13, "more than one input");
        GraphProto.Builder external = tf2onnxStyle();
        external.setInitializer(0, external.getInitializer(0).toBuilder().clearFloatData()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL));
        refused(external, 13, "initializer 0 'kernel'", "external file");
        GraphProto.Builder shortRaw = tf2onnxStyle();
        shortRaw.setInitializer(1, shortRaw.getInitializer(1).toBuilder().clearFloatData().setRawData(ByteString.copyFrom(new byte[5])));
        refused(shortRaw, 13, "initializer 1 'bias'", "5 bytes of raw_data");
    }

    @Test
    void aHostileChainOfDoublingConcatsRunsOutOfBudgetInsteadOfMemory() throws IOException {
        AttributeProto axis = AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0).build();
        GraphProto.Builder g = tf2onnxStyle().addInitializer(ints("s0", 1));
        for (int i = 0; i < 40; i++) {
            g.addNode(node("Concat", "c" + i, List.of("s" + i, "s" + i), "s" + (i + 1), axis));
        }
        refused(g, 13, "constant folding would create more than");
    }

    // ------------------------------------------------------------------ issue #14's activations and layers

    private static AttributeProto real(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    private static AttributeProto integer(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static TensorProto scalar(String name, float v) {
        return floats(name, new float[] {v});
    }

    /** x [batch, width] → op(x, extra inputs...) → y. */
    private static GraphProto.Builder single(String op, int width, List<String> extra, AttributeProto... attrs) {
        List<String> inputs = new java.util.ArrayList<>(List.of("x"));
        inputs.addAll(extra);
        return GraphProto.newBuilder().addInput(value("x", "n", width))
                .addNode(node(op, "the_" + op, inputs, "y", attrs)).addOutput(value("y", "n", width));
    }

    @Test
    void singleNodeActivationsTakeOnnxsDefaultsNotKerass() throws IOException {
        // ONNX's LeakyRelu slope defaults to 0.01 (Keras' leaky_relu to 0.2), ThresholdedRelu's alpha to 1.
        assertArrayEquals(new float[] {-0.01f, 2}, Onnx.load(write(single("LeakyRelu", 2, List.of()), 13))
                .predict(new float[] {-1, 2}), 0f);
        assertArrayEquals(new float[] {0, 1.5f}, Onnx.load(write(single("ThresholdedRelu", 2, List.of()), 13))
                .predict(new float[] {0.5f, 1.5f}), 0f);
        assertArrayEquals(new float[] {(float) Math.expm1(-1), 2}, Onnx.load(write(single("Elu", 2, List.of()), 13))
                .predict(new float[] {-1, 2}), 1e-7f);
        // PyTorch's ReLU6: Clip(x, 0, 6), its bounds as inputs from opset 11.
        GraphProto.Builder relu6 = single("Clip", 3, List.of("lo", "hi")).addInitializer(scalar("lo", 0))
                .addInitializer(scalar("hi", 6));
        assertArrayEquals(new float[] {0, 6, 3}, Onnx.load(write(relu6, 13)).predict(new float[] {-1, 7, 3}), 0f);
        AttributeProto tanh = AttributeProto.newBuilder().setName("approximate").setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8("tanh")).build();
        Sequential gelu = Onnx.load(write(single("Gelu", 2, List.of(), tanh), 20));
        assertEquals(Activation.GELU.configure(java.util.Map.of("approximate", true)),
                assertInstanceOf(ActivationLayer.class, gelu.layers().get(0)).activation());
    }

    @Test
    void opset17LayerNormalizationIsVectornnsLayer() throws IOException {
        GraphProto.Builder g = single("LayerNormalization", 3, List.of("scale", "bias"), real("epsilon", 0.5f))
                .addInitializer(floats("scale", new float[] {1, 2, 3}, 3)).addInitializer(floats("bias", new float[] {0, 1, 0}, 3));
        float[] y = Onnx.load(write(g, 17)).predict(new float[] {1, 2, 6});
        double s = 1 / Math.sqrt(14.0 / 3 + 0.5); // mean 3, biased variance 14/3
        assertArrayEquals(new float[] {(float) (-2 * s), (float) (2 * -s + 1), (float) (3 * 3 * s)}, y, 1e-6f);
    }

    @Test
    void batchNormalizationInInferenceIsVectornnsLayerWithTheMovingStatistics() throws IOException {
        GraphProto.Builder g = single("BatchNormalization", 2, List.of("s", "b", "m", "v"), real("epsilon", 0.25f))
                .addInitializer(floats("s", new float[] {2, 1}, 2)).addInitializer(floats("b", new float[] {0, 3}, 2))
                .addInitializer(floats("m", new float[] {1, -1}, 2)).addInitializer(floats("v", new float[] {0.75f, 3.75f}, 2));
        Sequential m = Onnx.load(write(g, 15));
        assertEquals("[BatchNormalization(momentum=0.9, epsilon=0.25)]", m.layers().toString());
        assertArrayEquals(new float[] {2 * (3 - 1) / 1f, (1 + 1) / 2f + 3}, m.predict(new float[] {3, 1}), 1e-6f);
        refused(single("BatchNormalization", 2, List.of("s", "b", "m", "v"), integer("training_mode", 1))
                .addInitializer(floats("s", new float[] {2, 1}, 2)), 15, "'the_BatchNormalization'", "training mode");
        GraphProto.Builder image = GraphProto.newBuilder().addInput(value("x", "n", 2, 3))
                .addInitializer(floats("s", new float[] {2, 1}, 2)).addInitializer(floats("b", new float[] {0, 3}, 2))
                .addInitializer(floats("m", new float[] {1, -1}, 2)).addInitializer(floats("v", new float[] {1, 1}, 2))
                .addNode(node("BatchNormalization", "bn", List.of("x", "s", "b", "m", "v"), "y")).addOutput(value("y", "n", 2, 3));
        refused(image, 13, "'bn' (BatchNormalization)", "channels", "Flatten first");
    }

    @Test
    void activationsWithSettingsVectornnDoesNotHaveAreRefusedSayingWhy() throws IOException {
        refused(single("HardSigmoid", 2, List.of()), 13, "'the_HardSigmoid'", "alpha 0.2", "Keras 2");
        refused(single("Selu", 2, List.of(), real("alpha", 1.5f)), 13, "'the_Selu'", "Keras' fixed constants");
        GraphProto.Builder clip = single("Clip", 2, List.of("lo", "hi")).addInitializer(scalar("lo", -1))
                .addInitializer(scalar("hi", 1));
        refused(clip, 13, "'the_Clip'", "clips to [-1.0, 1.0]");
        refused(single("Celu", 2, List.of()), 13, "'the_Celu' (Celu)", "no vectornn activation for Celu");
    }

    /** x → Div(√2) → Erf → Add(1) → Mul(x) → Mul(half): PyTorch's GELU with {@code half} for its 0.5. */
    private static GraphProto.Builder gelu(float half) {
        return GraphProto.newBuilder().addInput(value("x", "n", 2))
                .addInitializer(scalar("sqrt2", (float) Math.sqrt(2))).addInitializer(scalar("one", 1))
                .addInitializer(scalar("half", half))
                .addNode(node("Div", "div", List.of("x", "sqrt2"), "d"))
                .addNode(node("Erf", "erf", List.of("d"), "e"))
                .addNode(node("Add", "add", List.of("e", "one"), "a"))
                .addNode(node("Mul", "mul", List.of("x", "a"), "m"))
                .addNode(node("Mul", "mul_1", List.of("half", "m"), "y"))
                .addOutput(value("y", "n", 2));
    }

    @Test
    void theGeluPatternIsReadAsGeluAndAPatternThatDoesNotFitIsRefusedNamingWhatDiffers() throws IOException {
        Sequential m = Onnx.load(write(gelu(0.5f), 13));
        assertEquals(1, m.layers().size());
        assertEquals(Activation.GELU, assertInstanceOf(ActivationLayer.class, m.layers().get(0)).activation());
        refused(gelu(0.4f), 13, "node 4 'mul_1' (Mul)", "GELU", "half is 0.4");
        GraphProto.Builder odd = gelu(0.5f);
        odd.setNode(1, odd.getNode(1).toBuilder().addAttribute(integer("axis", 1)));
        refused(odd, 13, "its node 1 'erf', Erf", "attribute 'axis'");
        // Erf alone is not a GELU.
        GraphProto.Builder erf = single("Erf", 2, List.of());
        refused(erf, 13, "'the_Erf' (Erf)", "outside the GELU pattern");
        // A value inside the pattern read from outside it: no GELU, and its Erf is refused.
        GraphProto.Builder leaking = gelu(0.5f).addNode(node("Relu", "late", List.of("e"), "r"));
        refused(leaking, 13, "node 1 'erf' (Erf)", "outside the GELU pattern");
    }

    @Test
    void pyTorchsLayerNormalizationBeforeOpset17AndATanhGeluWithPowAreReadAsVectornnsOwn() throws IOException {
        AttributeProto last = AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS).addInts(-1).build();
        GraphProto.Builder ln = GraphProto.newBuilder().addInput(value("x", "n", 3))
                .addInitializer(scalar("two", 2)).addInitializer(scalar("eps", 0.5f))
                .addInitializer(floats("w", new float[] {1, 2, 3}, 3)).addInitializer(floats("b", new float[] {0, 1, 0}, 3))
                .addNode(node("ReduceMean", "mean", List.of("x"), "mu", last))
                .addNode(node("Sub", "sub", List.of("x", "mu"), "d"))
                .addNode(node("Pow", "pow", List.of("d", "two"), "sq"))
                .addNode(node("ReduceMean", "var", List.of("sq"), "v", last))
                .addNode(node("Add", "add", List.of("v", "eps"), "ve"))
                .addNode(node("Sqrt", "sqrt", List.of("ve"), "sd"))
                .addNode(node("Div", "div", List.of("d", "sd"), "nrm"))
                .addNode(node("Mul", "mul", List.of("nrm", "w"), "scaled"))
                .addNode(node("Add", "add_1", List.of("scaled", "b"), "y"))
                .addOutput(value("y", "n", 3));
        Sequential m = Onnx.load(write(ln, 13));
        assertEquals("[LayerNormalization(epsilon=0.5)]", m.layers().toString());
        double s = 1 / Math.sqrt(14.0 / 3 + 0.5);
        assertArrayEquals(new float[] {(float) (-2 * s), (float) (2 * -s + 1), (float) (3 * 3 * s)},
                m.predict(new float[] {1, 2, 6}), 1e-6f);

        GraphProto.Builder tanh = GraphProto.newBuilder().addInput(value("x", "n", 2))
                .addInitializer(scalar("three", 3)).addInitializer(scalar("kappa", 0.044715f))
                .addInitializer(scalar("beta", (float) Math.sqrt(2 / Math.PI))).addInitializer(scalar("one", 1))
                .addInitializer(scalar("half", 0.5f))
                .addNode(node("Pow", "cube", List.of("x", "three"), "c"))
                .addNode(node("Mul", "k", List.of("kappa", "c"), "kc"))
                .addNode(node("Add", "inner", List.of("x", "kc"), "i"))
                .addNode(node("Mul", "scale", List.of("beta", "i"), "bi"))
                .addNode(node("Tanh", "t", List.of("bi"), "th"))
                .addNode(node("Add", "one_plus", List.of("one", "th"), "op"))
                .addNode(node("Mul", "times_x", List.of("x", "op"), "xo"))
                .addNode(node("Mul", "halved", List.of("half", "xo"), "y"))
                .addOutput(value("y", "n", 2));
        assertEquals(Activation.GELU.configure(java.util.Map.of("approximate", true)),
                assertInstanceOf(ActivationLayer.class, Onnx.load(write(tanh, 13)).layers().get(0)).activation());
    }
}
