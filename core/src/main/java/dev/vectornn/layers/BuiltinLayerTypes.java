package dev.vectornn.layers;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.ConfigMap;

import java.util.List;
import java.util.Map;

/** The layer types that ship with core, each a {@link LayerType} service provider. */
public final class BuiltinLayerTypes {

    private BuiltinLayerTypes() {
    }

    /** {@code "dense"}: {@link Dense}. */
    public static final class DenseType implements LayerType {
        @Override
        public String name() {
            return "dense";
        }

        @Override
        public Layer create(Map<String, Object> config) {
            return Dense.fromConfig(config);
        }
    }

    /** {@code "activation"}: {@link ActivationLayer}; config {@code {"activation": "relu"}}. */
    public static final class ActivationType implements LayerType {
        @Override
        public String name() {
            return "activation";
        }

        @Override
        public Layer create(Map<String, Object> config) {
            ConfigMap c = ConfigMap.of("Activation layer config", config).checkKeys("activation");
            // A name, or {"name": ..., "config": {...}} for a configured activation.
            Object a = config.get("activation");
            return new ActivationLayer(Activation.fromConfig(a instanceof Map ? a : c.getString("activation")));
        }
    }

    /** {@code "dropout"}: {@link Dropout}; config {@code {"rate": 0.5}}. */
    public static final class DropoutType implements LayerType {
        @Override
        public String name() {
            return "dropout";
        }

        @Override
        public Layer create(Map<String, Object> config) {
            ConfigMap c = ConfigMap.of("Dropout config", config).checkKeys("rate");
            return new Dropout(c.getDouble("rate", 0, 1));
        }
    }

    /** A named activation as a layer type of its own ({@code "relu"} ...), Keras' {@code layers.ReLU()} style. */
    private abstract static class NamedActivation implements LayerType {
        private final Activation activation;

        NamedActivation(Activation activation) {
            this.activation = activation;
        }

        @Override
        public String name() {
            return activation.name();
        }

        /** The activation's own aliases: a {@code "swish"} layer is the {@code "silu"} layer. */
        @Override
        public List<String> aliases() {
            return activation.aliases();
        }

        @Override
        public Layer create(Map<String, Object> config) {
            ConfigMap.of(activation.name() + " layer config", config).checkKeys();
            return new ActivationLayer(activation);
        }
    }

    public static final class ReluType extends NamedActivation {
        public ReluType() {
            super(Activation.RELU);
        }
    }

    public static final class SigmoidType extends NamedActivation {
        public SigmoidType() {
            super(Activation.SIGMOID);
        }
    }

    public static final class TanhType extends NamedActivation {
        public TanhType() {
            super(Activation.TANH);
        }
    }

    public static final class SoftmaxType extends NamedActivation {
        public SoftmaxType() {
            super(Activation.SOFTMAX);
        }
    }

    public static final class LinearType extends NamedActivation {
        public LinearType() {
            super(Activation.LINEAR);
        }
    }
    // ------------------------------------------------------------------ issue #14: normalization, noise, embedding

    /** {@code "batch_normalization"}: {@link BatchNormalization}. */
    public static final class BatchNormalizationType implements LayerType {
        @Override
        public String name() {
            return "batch_normalization";
        }

        @Override
        public Layer create(Map<String, Object> config) {
            return BatchNormalization.fromConfig(config);
        }
    }

    /** {@code "layer_normalization"}: {@link LayerNormalization}. */
    public static final class LayerNormalizationType implements LayerType {
        @Override
        public String name() {
            return "layer_normalization";
        }

        @Override
        public Layer create(Map<String, Object> config) {
            return LayerNormalization.fromConfig(config);
        }
    }

    /** {@code "gaussian_noise"}: {@link GaussianNoise}. */
    public static final class GaussianNoiseType implements LayerType {
        @Override
        public String name() {
            return "gaussian_noise";
        }

        @Override
        public Layer create(Map<String, Object> config) {
            return GaussianNoise.fromConfig(config);
        }
    }

    /** {@code "normalization"}: {@link Normalization}. */
    public static final class NormalizationType implements LayerType {
        @Override
        public String name() {
            return "normalization";
        }

        @Override
        public Layer create(Map<String, Object> config) {
            return Normalization.fromConfig(config);
        }
    }

    /** {@code "embedding"}: {@link Embedding}. */
    public static final class EmbeddingType implements LayerType {
        @Override
        public String name() {
            return "embedding";
        }

        @Override
        public Layer create(Map<String, Object> config) {
            return Embedding.fromConfig(config);
        }
    }
}
