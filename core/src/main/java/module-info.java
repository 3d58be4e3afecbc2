/**
 * vectornn core: the model API and the seven service-provider interfaces.
 *
 * <p>{@code Backend} (compute kernels), {@code Activation}, {@code LayerType}, {@code Loss}, {@code Optimizer},
 * {@code Metric} and {@code LearningRateScheduleType} are
 * found with {@link java.util.ServiceLoader}, on the module path through the {@code uses} clauses
 * below and on the class path through {@code META-INF/services}. Core knows no backend.
 */
module dev.vectornn.core {
    exports dev.vectornn;
    exports dev.vectornn.spi;
    exports dev.vectornn.backend;
    exports dev.vectornn.layers;
    exports dev.vectornn.losses;
    exports dev.vectornn.optimizers;
    exports dev.vectornn.metrics;
    exports dev.vectornn.models;
    exports dev.vectornn.data;
    exports dev.vectornn.io;
    // Internals: the seeded generator Spark's shards shuffle with, and the hook Sequential saves through.
    exports dev.vectornn.internal to dev.vectornn.spark;

    requires com.fasterxml.jackson.core;

    uses dev.vectornn.spi.Backend;
    uses dev.vectornn.spi.Activation;
    uses dev.vectornn.layers.LayerType;
    uses dev.vectornn.losses.Loss;
    uses dev.vectornn.optimizers.Optimizer;
    uses dev.vectornn.metrics.Metric;
    uses dev.vectornn.optimizers.schedules.LearningRateScheduleType;
    uses dev.vectornn.internal.ModelStore;

    provides dev.vectornn.layers.LayerType with
            dev.vectornn.layers.BuiltinLayerTypes.DenseType,
            dev.vectornn.layers.BuiltinLayerTypes.ActivationType,
            dev.vectornn.layers.BuiltinLayerTypes.DropoutType,
            dev.vectornn.layers.BuiltinLayerTypes.ReluType,
            dev.vectornn.layers.BuiltinLayerTypes.SigmoidType,
            dev.vectornn.layers.BuiltinLayerTypes.TanhType,
            dev.vectornn.layers.BuiltinLayerTypes.SoftmaxType,
            dev.vectornn.layers.BuiltinLayerTypes.LinearType,
            // issue #14: normalization, noise, embedding
            dev.vectornn.layers.BuiltinLayerTypes.BatchNormalizationType,
            dev.vectornn.layers.BuiltinLayerTypes.LayerNormalizationType,
            dev.vectornn.layers.BuiltinLayerTypes.GaussianNoiseType,
            dev.vectornn.layers.BuiltinLayerTypes.NormalizationType,
            dev.vectornn.layers.BuiltinLayerTypes.EmbeddingType;
    provides dev.vectornn.internal.ModelStore with dev.vectornn.internal.files.ModelFilesStore;
    provides dev.vectornn.losses.Loss with
            dev.vectornn.losses.MeanSquaredError,
            dev.vectornn.losses.CategoricalCrossentropy,
            dev.vectornn.losses.SparseCategoricalCrossentropy,
            dev.vectornn.losses.BinaryCrossentropy,
            // losses (issue #14)
            dev.vectornn.losses.MeanAbsoluteError,
            dev.vectornn.losses.MeanAbsolutePercentageError,
            dev.vectornn.losses.MeanSquaredLogarithmicError,
            dev.vectornn.losses.Huber,
            dev.vectornn.losses.LogCosh,
            dev.vectornn.losses.KLDivergence,
            dev.vectornn.losses.Poisson,
            dev.vectornn.losses.Hinge,
            dev.vectornn.losses.SquaredHinge,
            dev.vectornn.losses.CategoricalHinge,
            dev.vectornn.losses.CosineSimilarity;
    // metrics (issue #14)
    provides dev.vectornn.metrics.Metric with
            dev.vectornn.metrics.CategoricalAccuracy,
            dev.vectornn.metrics.SparseCategoricalAccuracy,
            dev.vectornn.metrics.BinaryAccuracy,
            dev.vectornn.metrics.TopKCategoricalAccuracy,
            dev.vectornn.metrics.Precision,
            dev.vectornn.metrics.Recall,
            dev.vectornn.metrics.F1Score,
            dev.vectornn.metrics.Auc,
            dev.vectornn.metrics.MeanAbsoluteError,
            dev.vectornn.metrics.MeanSquaredError,
            dev.vectornn.metrics.RootMeanSquaredError,
            dev.vectornn.metrics.R2Score;
    provides dev.vectornn.optimizers.Optimizer with
            dev.vectornn.optimizers.Sgd,
            dev.vectornn.optimizers.Adam,
            dev.vectornn.optimizers.RmsProp,
            dev.vectornn.optimizers.Adagrad,
            // issue 14 item 5 (opt): more Keras optimizers
            dev.vectornn.optimizers.AdamW,
            dev.vectornn.optimizers.Nadam,
            dev.vectornn.optimizers.Adamax,
            dev.vectornn.optimizers.Lion;

    // issue 14 item 5 (opt): learning-rate schedules, found by class name like the other SPIs
    exports dev.vectornn.optimizers.schedules;
    provides dev.vectornn.optimizers.schedules.LearningRateScheduleType with
            dev.vectornn.optimizers.schedules.BuiltinScheduleTypes.ExponentialDecayType,
            dev.vectornn.optimizers.schedules.BuiltinScheduleTypes.PiecewiseConstantDecayType,
            dev.vectornn.optimizers.schedules.BuiltinScheduleTypes.CosineDecayType,
            dev.vectornn.optimizers.schedules.BuiltinScheduleTypes.InverseTimeDecayType;
}
