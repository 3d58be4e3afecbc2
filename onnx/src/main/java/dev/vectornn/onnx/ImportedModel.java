package dev.vectornn.onnx;

import dev.vectornn.io.ModelFormatException;
import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.layers.Layer;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chain of layers an ONNX graph was read into, before any {@link Sequential} exists: the
 * importer appends to it node by node (fusing a bias {@code Add} or an activation into the dense
 * layer before it), and {@link #build} makes the model only once the whole graph was accepted.
 */
final class ImportedModel {

    /** One layer to be: a dense layer with its weights, an activation layer or a dropout layer. */
    sealed interface Spec permits DenseSpec, ActivationSpec, DropoutSpec, LayerSpec {
    }

    /** A dense layer; {@code kernel} is {@code [in, units]} row-major, {@code bias} may be null. */
    static final class DenseSpec implements Spec {
        final int in;
        final int units;
        final float[] kernel;
        float[] bias;
        Activation activation = Activation.LINEAR;

        DenseSpec(int in, int units, float[] kernel, float[] bias) {
            this.in = in;
            this.units = units;
            this.kernel = kernel;
            this.bias = bias;
        }
    }

    record ActivationSpec(Activation activation) implements Spec {
    }

    record DropoutSpec(float rate) implements Spec {
    }

    /**
     * Any other layer, already made (layers are immutable), with its trainable tensors and its
     * non-trainable ones (moving statistics), each in the layer's own order, concatenated.
     */
    record LayerSpec(Layer layer, float[] params, float[] nonTrainable) implements Spec {
    }

    private final int inputWidth;
    private final List<Spec> specs = new ArrayList<>();

    ImportedModel(int inputWidth) {
        this.inputWidth = inputWidth;
    }

    int inputWidth() {
        return inputWidth;
    }

    void add(Spec spec) {
        specs.add(spec);
    }

    /** The last layer if it is a dense layer with no activation yet, else null: where a bias or an activation may fuse. */
    DenseSpec openDense() {
        if (specs.isEmpty() || !(specs.get(specs.size() - 1) instanceof DenseSpec d) || d.activation != Activation.LINEAR) {
            return null;
        }
        return d;
    }

    /** Adds an activation: into the dense layer before it when that one is linear, else as a layer of its own. */
    void activation(Activation a) {
        DenseSpec open = openDense();
        if (open != null) {
            open.activation = a;
        } else {
            specs.add(new ActivationSpec(a));
        }
    }

    boolean isEmpty() {
        return specs.isEmpty();
    }

    Activation outputActivation() {
        if (specs.isEmpty()) {
            return Activation.LINEAR;
        }
        Spec last = specs.get(specs.size() - 1);
        if (last instanceof DenseSpec d) {
            return d.activation;
        }
        return last instanceof ActivationSpec a ? a.activation() : Activation.LINEAR;
    }

    /** The model: layers, input width, compiled, weights set. Any failure is reported against {@code file}. */
    Sequential build(Path file, String loss, String optimizer, String... metrics) throws ModelFormatException {
        if (specs.isEmpty()) {
            throw new ModelFormatException(file + ": the graph computes nothing vectornn can hold as a layer "
                    + "(its output is its input); a Sequential model needs at least one layer");
        }
        Sequential model = new Sequential().input(inputWidth);
        for (Spec s : specs) {
            model.add(layer(s));
        }
        String chosenLoss = loss != null ? loss : defaultLoss(outputActivation());
        model.compile(chosenLoss, optimizer, metrics);
        float[] params = model.getParameters();
        for (int l = 0; l < specs.size(); l++) {
            if (specs.get(l) instanceof DenseSpec d) {
                int offset = model.layerParameterOffset(l);
                System.arraycopy(d.kernel, 0, params, offset, d.kernel.length);
                if (d.bias != null) {
                    System.arraycopy(d.bias, 0, params, offset + d.kernel.length, d.bias.length);
                }
            } else if (specs.get(l) instanceof LayerSpec s) {
                System.arraycopy(s.params(), 0, params, model.layerParameterOffset(l), s.params().length);
                System.arraycopy(s.nonTrainable(), 0, params, model.layerNonTrainableOffset(l), s.nonTrainable().length);
            }
        }
        model.setParameters(params);
        return model;
    }

    private static Layer layer(Spec s) {
        if (s instanceof DenseSpec d) {
            return new Dense(d.units, d.activation).useBias(d.bias != null);
        }
        if (s instanceof DropoutSpec d) {
            return new Dropout(d.rate());
        }
        if (s instanceof LayerSpec l) {
            return l.layer();
        }
        return new ActivationLayer(((ActivationSpec) s).activation());
    }

    static String defaultLoss(Activation output) {
        if (output == Activation.SOFTMAX) {
            return "categorical_crossentropy";
        }
        return output == Activation.SIGMOID ? "binary_crossentropy" : "mean_squared_error";
    }
}
