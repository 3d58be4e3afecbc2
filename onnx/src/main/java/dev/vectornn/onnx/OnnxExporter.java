package dev.vectornn.onnx;

import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.layers.Layer;
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

import java.util.Arrays;
import java.util.List;

/** Turns a compiled {@link Sequential} into an ONNX {@link ModelProto} (see {@link Onnx} for the layout). */
final class OnnxExporter {

    static final String PRODUCER = "vectornn";
    static final String BATCH = "batch";

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
        if (layer instanceof Dense dense) {
            dense(l, prefix, dense, last);
        } else if (layer instanceof ActivationLayer a) {
            activation(prefix, a.activation(), current, last);
        } else if (layer instanceof Dropout d) {
            String ratio = prefix + ".ratio";
            graph.addInitializer(TensorProto.newBuilder().setName(ratio).setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .addFloatData(d.rate()));
            node("Dropout", prefix + ".dropout", List.of(current, ratio), outputName(prefix, last));
        } else {
            throw new IllegalStateException("Cannot export layer " + l + " (" + layer + ", type '" + layer.typeName()
                    + "') to ONNX: export knows dense, activation and dropout layers");
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

    private void activation(String prefix, Activation a, String input, boolean last) {
        String out = outputName(prefix, last);
        // Activations are an open set (plugins): export the built-ins, refuse the rest by name.
        if (a == Activation.LINEAR) {
            node("Identity", prefix + ".identity", List.of(input), out);
        } else if (a == Activation.RELU) {
            node("Relu", prefix + ".relu", List.of(input), out);
        } else if (a == Activation.SIGMOID) {
            node("Sigmoid", prefix + ".sigmoid", List.of(input), out);
        } else if (a == Activation.TANH) {
            node("Tanh", prefix + ".tanh", List.of(input), out);
        } else if (a == Activation.SOFTMAX) {
            NodeProto.Builder n = nodeBuilder("Softmax", prefix + ".softmax", List.of(input), out);
            n.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(-1));
            graph.addNode(n);
        } else {
            throw new IllegalStateException("Cannot export activation '" + a.name() + "' to ONNX");
        }
    }

    private static String outputName(String prefix, boolean last) {
        return last ? Onnx.OUTPUT_NAME : prefix + ".out";
    }

    private void node(String op, String name, List<String> inputs, String output) {
        graph.addNode(nodeBuilder(op, name, inputs, output));
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
