package dev.vectornn.io;

import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.MinMaxScaler;
import dev.vectornn.data.OneHot;
import dev.vectornn.data.Split;
import dev.vectornn.data.StandardScaler;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Layers;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.ModelSnapshot;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Public entry points reject bad input with an {@link IllegalArgumentException} that says what was
 * expected and what was given, instead of a NullPointerException, an index error or silent garbage.
 */
class EdgeValidationTest {

    private static Sequential compiled() {
        Sequential m = new Sequential(new Dense(3, "relu").inputDim(2), new Dense(2, "softmax"));
        m.seed(1);
        m.compile("categorical_crossentropy", "adam", "accuracy");
        return m;
    }

    @Test
    void sequentialChecksItsArguments() {
        Sequential m = compiled();
        int n = m.parameterCount();
        rejects(() -> m.setParameters(null), "Parameters are null; expected " + n + " values");
        rejects(() -> m.applyGradients(null), "The gradient is null; expected " + n + " values");
        float[] nanGradient = new float[n];
        nanGradient[3] = Float.NaN;
        rejects(() -> m.applyGradients(nanGradient), "Gradient 3 is NaN; expected a finite number");
        rejects(() -> m.restore(null), "The snapshot is null");
        float[] badSlots = new float[2 * n];
        badSlots[0] = Float.POSITIVE_INFINITY;
        rejects(() -> m.restore(new ModelSnapshot(new float[n], badSlots, 0, 0, 0)), "Optimizer slot 0 is Infinity");
        rejects(() -> m.restore(new ModelSnapshot(new float[n], new float[1], 0, 0, 0)), "The snapshot has 1 optimizer slots");
        rejects(() -> new ModelSnapshot(new float[n], new float[0], -1, 0, 0), "The optimizer step must be ≥ 0, got -1");
        rejects(() -> m.layerInputWidth(3), "Layer index 3 is out of range: the model has 2 layers");
        rejects(() -> m.layerParameterOffset(-1), "Layer index -1 is out of range");
        rejects(() -> m.accumulateGradients(new float[2], new float[2], 2, new float[n]),
                "2 rows need 4 x values and 4 y values; got 2 and 2");
        rejects(() -> m.accumulateGradients(new float[2], new float[2], 1, new float[1]), "gradSum has 1 values, the model has " + n);
        rejects(() -> m.accumulateGradients(null, new float[2], 1, new float[n]), "must not be null");
        rejects(() -> m.fit(new float[][] {{1, 2}}, new float[][] {{1, 0}},
                FitOptions.epochs(1).validationData(new float[0][], new float[0][]).verbose(0)), "validationData is empty");
        rejects(() -> m.fit(new float[][] {{1, Float.NaN}}, new float[][] {{1, 0}}, 1, 1), "x row 0 column 1 is NaN");
        rejects(() -> m.predict(new float[][] {{1, 2, 3}}), "x row 0 has 3 values, expected 2");
        rejects(() -> m.evaluate(new float[0][], new float[0][]), "evaluate needs at least one sample");

        Sequential fresh = new Sequential(new Dense(3).inputDim(2));
        rejects(() -> fresh.compile("mse", "sgd", (String) null), "Metric names must not be null");
        rejects(() -> fresh.compile("mse", "sgd", "bleu"), "Unknown metric 'bleu'. Known metric names:");
        rejects(() -> fresh.compile("focal", "sgd"), "Unknown loss 'focal'. Known loss names:");
        rejects(() -> fresh.compile("mse", "lamb"), "Unknown optimizer 'lamb'. Known optimizer names:");
        rejects(() -> fresh.input(0), "Input width must be positive, got 0");
        assertEquals(false, fresh.isCompiled(), "a failed compile leaves the model uncompiled");
        IllegalStateException e = assertThrows(IllegalStateException.class, fresh::targetWidth);
        assertTrue(e.getMessage().contains("compile"), e.getMessage());
    }

    @Test
    void layersCheckTheirConfiguration() {
        rejects(() -> new Dense(0), "Dense units must be positive, got 0");
        rejects(() -> new Dense(4).inputDim(-1), "Dense inputDim must be positive, got -1");
        rejects(() -> new Dense(4).kernelInitializer(null), "An initializer name is required. Known initializers: glorot_uniform");
        rejects(() -> new Dense(4, "mish"), "Unknown activation 'mish'. Known activations:");
        rejects(() -> new dev.vectornn.layers.Dropout(0.99999999), "Dropout rate must be in [0, 1) after rounding to float");
        rejects(() -> Layers.create("dense", Map.of("units", 4, "activaton", "relu")), "Dense config has the unknown key 'activaton'");
        rejects(() -> Layers.create("dropout", Map.of()), "Dropout config is missing the required key 'rate'");
        rejects(() -> new dev.vectornn.layers.Dropout(Double.NaN), "Dropout rate must be in [0, 1) after rounding to float, got NaN");
        rejects(() -> Layers.create("dense", Map.of("units", 4, "activation", 7)),
                "Dense config 'activation' must be a string, got 7 (Integer)");
        rejects(() -> Layers.create("dense", Map.of("units", 4.5)), "Dense config 'units' must be a whole number, got 4.5 (Double)");
        rejects(() -> Layers.create("dense", Map.of("units", 1L << 32)), "Dense config 'units' must be in [1, 2147483647], got 4294967296");
        rejects(() -> Layers.create("dense", Map.of("units", 4, "use_bias", "yes")), "'use_bias' must be true or false, got 'yes' (String)");
        rejects(() -> Layers.create("dense", Map.of("units", 4, "input_dim", 0)), "Dense config 'input_dim' must be in [1, 2147483647], got 0");
        rejects(() -> Layers.create("conv2d", Map.of()), "Unknown layer 'conv2d'. Known layer names:");
        assertEquals(Map.of("units", 4, "activation", "linear", "kernel_initializer", "glorot_uniform", "use_bias", true),
                Layers.create("dense", new HashMap<>(Map.of("units", 4L))).config());
    }

    @Test
    void optimizersCheckTheirHyperParameters() {
        rejects(() -> new Adam(0), "Adam learning_rate must be a positive finite number, got 0.0");
        rejects(() -> new Adam(Double.NaN), "Adam config 'learning_rate' must be a finite number, got NaN");
        rejects(() -> new Sgd(0.1, 1.0, false), "SGD momentum must be in [0, 1), got 1.0");
        rejects(() -> Optimizers.get("sgd").withConfig(Map.of("nesterov", "yes")), "SGD config 'nesterov' must be true or false, got 'yes' (String)");
        rejects(() -> Optimizers.get("adam").withConfig(Map.of("lr", 0.1)), "Adam config has the unknown key 'lr'; known keys: [beta_1");
    }

    @Test
    void dataUtilitiesCheckShapesAndNames() {
        rejects(() -> StandardScaler.fit(new float[][] {null}), "StandardScaler.fit needs at least one column; row 0 is null");
        rejects(() -> MinMaxScaler.fit(new float[][] {{}}), "MinMaxScaler.fit needs at least one column; row 0 is empty");
        rejects(() -> MinMaxScaler.fit(null), "MinMaxScaler.fit needs at least one row, got null");
        rejects(() -> StandardScaler.fit(new float[][] {{1}}).transform(null), "StandardScaler.transform: the data is null");
        rejects(() -> StandardScaler.fit(new float[][] {{1, 2}}).transform(new float[][] {{1}}), "row 0 has 1 values, expected 2");
        rejects(() -> MinMaxScaler.fit(new float[][] {{1, Float.NaN}}), "row 0 column 1 is NaN");

        rejects(() -> LabelEncoder.of(List.of("a", "b", "a")), "class 2 is 'a' again");
        rejects(() -> LabelEncoder.of(List.of()), "LabelEncoder.of needs at least one class");
        rejects(() -> LabelEncoder.fit(Arrays.asList("a", null)), "label 1 is null");
        rejects(() -> LabelEncoder.fit(List.of("a")).transform(Arrays.asList("a", null)), "label 1 is null; known classes are [a]");
        rejects(() -> LabelEncoder.fit(List.of("a")).transform(List.of("b")), "label 0 'b' is not one of the known classes [a]");

        rejects(() -> OneHot.toCategorical(new int[0]), "toCategorical needs at least one label");
        rejects(() -> OneHot.toCategorical(new int[] {-1}), "label 0 is -1, not in [0, 1)");
        rejects(() -> OneHot.toCategorical(new int[0], 0), "classes must be positive, got 0");
        rejects(() -> OneHot.toCategorical(new int[] {3}, 3), "label 0 is 3, not in [0, 3)");
        assertArrayEquals(new float[][] {{0, 1}, {1, 0}}, OneHot.toCategorical(new int[] {1, 0}));

        rejects(() -> Split.random(-3, 0.2, 1), "Need at least 2 rows to split, got -3");
        rejects(() -> Split.random(10, Double.NaN, 1), "testFraction must be in (0, 1), got NaN");
        rejects(() -> Split.stratified(null, 0.2, 1), "labels is null");
        rejects(() -> Split.take(new float[2][], new int[] {0, 2}), "index 1 is 2, not in [0, 2)");
        rejects(() -> Split.take(new int[] {5}, new int[] {-1}), "index 0 is -1, not in [0, 1)");
    }

    private static void rejects(Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
