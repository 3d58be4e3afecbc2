package dev.vectornn.it;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.NonFiniteLossException;
import dev.vectornn.models.Sequential;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shapes and values that do not fit fail with messages that name both shapes, or the row. */
class SequentialValidationTest {

    private static Sequential irisModel() {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(16, "relu").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.compile("mean_squared_error", "sgd", "accuracy");
        return model;
    }

    private static void messageContains(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void xAndYOfDifferentLengths() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> irisModel().fit(new float[10][4], new float[9][3], 1, 1));
        messageContains(e, "[10, 4]", "[9, 3]");
    }

    @Test
    void wrongInputWidth() {
        var e = assertThrows(IllegalArgumentException.class, () -> irisModel().fit(new float[5][3], new float[5][3], 1, 1));
        messageContains(e, "[5, 3]", "width 4");
        var p = assertThrows(IllegalArgumentException.class, () -> irisModel().predict(new float[][] {{1, 2, 3, 4, 5}}));
        messageContains(p, "row 0 has 5 values, expected 4");
    }

    @Test
    void wrongNumberOfClasses() {
        var e = assertThrows(IllegalArgumentException.class, () -> irisModel().fit(new float[5][4], new float[5][2], 1, 1));
        messageContains(e, "[5, 2]", "[None, 3]", "one column per class");
    }

    @Test
    void nonFiniteInputsNameTheRow() {
        float[][] x = new float[6][4];
        x[4][2] = Float.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> irisModel().fit(x, new float[6][3], 1, 1));
        messageContains(e, "x row 4 column 2 is NaN");
        float[][] y = new float[6][3];
        y[5][0] = Float.POSITIVE_INFINITY;
        var f = assertThrows(IllegalArgumentException.class, () -> irisModel().evaluate(new float[6][4], y));
        messageContains(f, "y row 5 column 0 is Infinity");
    }

    @Test
    void aLossThatBecomesNaNStopsTrainingWithAClearMessage() {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(8, "relu").inputDim(4));
        model.add(new Dense(1));
        model.compile("mse", new dev.vectornn.optimizers.Sgd(1e4));
        float[][] x = new float[20][4];
        float[][] y = new float[20][1];
        for (int i = 0; i < 20; i++) {
            x[i] = new float[] {i, i * 2, 1, -i};
            y[i][0] = 100 * i;
        }
        var e = assertThrows(NonFiniteLossException.class, () -> model.fit(x, y, FitOptions.epochs(100).batchSize(4).verbose(0)));
        messageContains(e, "training diverged", "epoch", "batch", "learning rate");
    }

    @Test
    void buildAndCompileMistakes() {
        var noInput = assertThrows(IllegalStateException.class,
                () -> new Sequential(new Dense(3)).compile("mse", "sgd"));
        messageContains(noInput, "input width is unknown", "inputDim(4)");
        var noLayers = assertThrows(IllegalStateException.class, () -> new Sequential().compile("mse", "sgd"));
        messageContains(noLayers, "no layers");
        var badLoss = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Dense(3).inputDim(4)).compile("mean_square_error", "sgd"));
        messageContains(badLoss, "Unknown loss 'mean_square_error'", "mean_squared_error");
        var badMetric = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Dense(3).inputDim(4)).compile("mse", "sgd", "f1"));
        messageContains(badMetric, "Unknown metric 'f1'", "accuracy");
        var notCompiled = assertThrows(IllegalStateException.class,
                () -> new Sequential(new Dense(3).inputDim(4)).fit(new float[1][4], new float[1][3], 1, 1));
        messageContains(notCompiled, "compile");
        var second = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Dense(3).inputDim(4)).add(new Dense(2).inputDim(3)));
        messageContains(second, "Only the first layer may declare inputDim");
        var badActivation = assertThrows(IllegalArgumentException.class, () -> new Dense(3, "relu6"));
        messageContains(badActivation, "relu6", "relu, sigmoid, tanh, softmax");
    }
}
