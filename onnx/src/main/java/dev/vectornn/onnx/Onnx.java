package dev.vectornn.onnx;

import dev.vectornn.io.ModelFormatException;
import dev.vectornn.models.Sequential;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes vectornn models as <a href="https://onnx.ai">ONNX</a> graphs and reads feed-forward ONNX
 * graphs as trainable {@link Sequential} models.
 *
 * <pre>{@code
 * Onnx.export(model, Path.of("iris.onnx"));          // runs in ONNX Runtime, PyTorch, ...
 * Sequential m = Onnx.load(Path.of("mlp.onnx"));     // from torch.onnx.export or tf2onnx
 * float[][] p = m.predict(x);
 * }</pre>
 *
 * <h2>Export</h2>
 * The file is an ONNX model of IR version {@value #IR_VERSION} and opset {@value #OPSET} (default
 * domain), with one input named {@value #INPUT_NAME} of shape {@code [batch, inputWidth]} and one
 * output named {@value #OUTPUT_NAME} of shape {@code [batch, outputWidth]}; {@code batch} is a
 * dynamic dimension. A {@code Dense} layer becomes {@code Gemm} (or {@code MatMul} without a bias)
 * followed by its activation; an activation layer becomes that activation alone. Activations with
 * an opset-13 op become that op ({@code Relu}, {@code Sigmoid}, {@code Tanh}, {@code Softmax} on the
 * last axis, {@code LeakyRelu}, {@code Elu}, {@code Selu} with Keras' constants, {@code Softplus},
 * {@code Softsign}, {@code HardSigmoid} with Keras 3's alpha 1/6 and beta 0.5, {@code Exp}; nothing
 * for linear); the others are written as opset-13 ops: GELU as {@code 0.5·x·(1 + Erf(x/√2))} or its
 * tanh form, node for node as PyTorch writes them, SiLU as {@code x·Sigmoid(x)}, and relu with
 * settings as {@code Clip}, {@code ThresholdedRelu} and {@code Sub}/{@code Mul}/{@code Relu}.
 * {@code Dropout} becomes an ONNX {@code Dropout} in inference mode, which is the identity, and
 * {@code GaussianNoise} an {@code Identity}; {@code BatchNormalization} becomes ONNX's
 * {@code BatchNormalization} with the moving statistics; {@code LayerNormalization} (an opset-17
 * op) is written as {@code ReduceMean}, {@code Sub}, {@code Mul}, {@code Add}, {@code Sqrt},
 * {@code Div}; {@code Normalization} as {@code Sub} and {@code Div} by {@code Max(Sqrt(variance), ε)};
 * {@code Embedding} as {@code Gather} of its column, {@code Cast}, {@code Gather} of the table and
 * {@code Concat} with {@code Slice}s of the other columns. Weights are initializers named as in
 * vectornn's own files ({@code layers.<i>.dense.kernel}, Keras' shape {@code [in, units]}). The
 * file is written atomically, like {@link Sequential#save}.
 *
 * <h2>Import</h2>
 * {@link #load(Path)} accepts the graphs that {@code torch.onnx.export} and {@code tf2onnx} write for
 * multi-layer perceptrons: a chain of {@code Gemm} (any {@code transB}, {@code alpha},
 * {@code beta}) or {@code MatMul} + {@code Add}, the activations vectornn has (single ops such as
 * {@code LeakyRelu}, {@code Clip} from 0, {@code Gelu}, and the GELU and SiLU patterns above),
 * {@code BatchNormalization}, {@code LayerNormalization} (the op or the pattern), the
 * normalization and embedding patterns export writes, {@code Identity}, {@code Dropout}, and
 * {@code Flatten}/{@code Reshape} that keep the batch dimension, with the
 * shape arithmetic those exporters emit around a reshape ({@code Shape}, {@code Gather},
 * {@code Unsqueeze}, {@code Concat}, ...) folded away. Anything else is a
 * {@link ModelFormatException} naming the node, its op type and what is supported; so is a
 * truncated, corrupted or hostile file. Nothing is built until the whole graph has been checked.
 *
 * <p>Both methods may run in any thread; exporting reads the model, so it must not overlap training.
 */
public final class Onnx {

    /** The ONNX operator set (default domain) that {@link #export} writes. */
    public static final int OPSET = 13;
    /** The ONNX IR version that {@link #export} writes (the one that goes with opset 13). */
    public static final int IR_VERSION = 7;
    /** The name of the graph's input in exported files. */
    public static final String INPUT_NAME = "input";
    /** The name of the graph's output in exported files. */
    public static final String OUTPUT_NAME = "output";

    private Onnx() {
    }

    /**
     * Writes a compiled model to {@code file} as an ONNX model, replacing the file atomically.
     *
     * @throws IllegalArgumentException if {@code model} or {@code file} is null
     * @throws IllegalStateException    if the model is not compiled, holds a layer ONNX export does not
     *                                  know (the message names it), or a weight that is not finite;
     *                                  nothing is written then
     * @throws IOException              if writing fails; the previous file, if any, is left as it was
     */
    public static void export(Sequential model, Path file) throws IOException {
        if (model == null || file == null) {
            throw new IllegalArgumentException("export needs a model and a file, got " + model + " and " + file);
        }
        byte[] bytes = OnnxExporter.toModel(model).toByteArray();
        AtomicWrite.replace(file, bytes);
    }

    /**
     * Reads an ONNX model as a {@link Sequential}, compiled with a loss that suits its output
     * ({@code categorical_crossentropy} after a softmax, {@code binary_crossentropy} after a sigmoid,
     * else {@code mean_squared_error}) and the {@code adam} optimizer, on the default backend.
     * Compile again to train it with other settings, restoring {@link Sequential#getParameters()}
     * afterwards if {@code compile} re-initialises the weights.
     *
     * @throws ModelFormatException if the file is not a readable ONNX model or holds a graph vectornn
     *                              cannot express (the message names the node, its op type and what is
     *                              supported)
     * @throws IOException          if the file cannot be read
     */
    public static Sequential load(Path file) throws IOException {
        return load(file, null, "adam");
    }

    /**
     * {@link #load(Path)}, compiled with the given loss, optimizer and metrics (Keras names); a
     * {@code null} loss picks one from the output activation as {@link #load(Path)} does.
     */
    public static Sequential load(Path file, String loss, String optimizer, String... metrics) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("load needs a file, got null");
        }
        ImportedModel imported = OnnxImporter.read(file);
        return imported.build(file, loss, optimizer, metrics);
    }
}
