package dev.vectornn.it;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sample and class weights as Keras 3 applies them: a batch's loss is {@code Σ wᵢ·lossᵢ / rows}
 * (the {@code "sum_over_batch_size"} reduction of {@code keras.losses.Loss}), each row's gradient
 * is scaled by {@code wᵢ / rows}, and {@code class_weight} becomes per-sample weights by the
 * target's class ({@code class_weight_to_sample_weights}: arg-max of one-hot rows, the rounded
 * value of one-column targets, 1 for a class the map leaves out).
 *
 * <p>The worked model: one weight {@code k} (no bias), MSE, so a sample's loss is
 * {@code (k·x − y)²} and its derivative {@code 2·(k·x − y)·x}.
 */
class SampleWeightsTest {

    private static final float[][] X = {{1}, {2}};
    private static final float[][] Y = {{1}, {3}};
    private static final float[] W = {1, 3};

    private static Sequential line(float k, double rate) {
        Sequential m = new Sequential(new Dense(1).useBias(false).inputDim(1)).seed(2);
        m.compile("mse", new Sgd(rate));
        m.setParameters(new float[] {k});
        return m;
    }

    private static FitOptions oneStep() {
        return FitOptions.epochs(1).batchSize(2).shuffle(false).verbose(0);
    }

    /**
     * At {@code k = 0} the losses are 1 and 9; weighted by 1 and 3: {@code (1·1 + 3·9) / 2 = 14}
     * (unweighted: 5). The gradient is {@code (1·(−2) + 3·(−12)) / 2 = −19}, so one SGD step at
     * rate 0.1 moves k to 1.9.
     */
    @Test
    void weightedLossAndGradientByHand() {
        Sequential m = line(0, 0.1);
        assertEquals(5, m.evaluate(X, Y).loss(), 1e-6);
        assertEquals(14, m.evaluate(X, Y, W).loss(), 1e-6);
        History h = m.fit(X, Y, oneStep().sampleWeight(W));
        assertEquals(14, h.last("loss"), 1e-6);
        assertEquals(1.9f, m.getParameters()[0], 1e-6f);
    }

    /** {@code trainOnBatch(x, y, w)} is the same weighted step: mean loss 14, then k = 1.9. */
    @Test
    void trainOnBatchTakesWeightsToo() {
        Sequential m = line(0, 0.1);
        assertEquals(14, m.trainOnBatch(X, Y, W), 1e-6);
        assertEquals(1.9f, m.getParameters()[0], 1e-6f);
        // The next unweighted call is unweighted again: at k = 1.9 the losses are 0.81 and 0.64, mean 0.725.
        assertEquals(0.725, m.trainOnBatch(X, Y), 1e-5);
        assertMessage(() -> m.trainOnBatch(X, Y, new float[] {1, Float.POSITIVE_INFINITY}), "sampleWeight[1] is Infinity");
    }

    /**
     * Class weights on one-column 0/1 targets: y = 0, 1 with {@code {1: 3}} weighs the rows 1
     * (class 0, not in the map) and 3. At k = 0: loss {@code (1·0 + 3·1) / 2 = 1.5}, gradient
     * {@code (1·0 + 3·(−4)) / 2 = −6}, so k becomes 0.6 at rate 0.1.
     */
    @Test
    void classWeightsOnBinaryTargetsByHand() {
        Sequential m = line(0, 0.1);
        History h = m.fit(X, new float[][] {{0}, {1}}, oneStep().classWeight(Map.of(1, 3.0)));
        assertEquals(1.5, h.last("loss"), 1e-6);
        assertEquals(0.6f, m.getParameters()[0], 1e-6f);
    }

    /**
     * The weighted gradient agrees with central differences of the weighted loss that
     * {@code evaluate} reports, for random weights, samples and starting points (20 cases). One
     * SGD step at rate 1 moves k by minus the gradient.
     */
    @Test
    void weightedGradientMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(11);
        for (int c = 0; c < 20; c++) {
            int n = 1 + random.nextInt(5);
            float[][] x = new float[n][1];
            float[][] y = new float[n][1];
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                x[i][0] = (float) random.nextDouble(-2, 2);
                y[i][0] = (float) random.nextDouble(-2, 2);
                w[i] = random.nextInt(4) == 0 ? 0 : (float) random.nextDouble(0, 3);
            }
            float k = (float) random.nextDouble(-1, 1);
            double eps = 1e-2;
            double numeric = (line((float) (k + eps), 1).evaluate(x, y, w).loss() - line((float) (k - eps), 1).evaluate(x, y, w).loss())
                    / (2 * eps);
            Sequential m = line(k, 1);
            m.fit(x, y, FitOptions.epochs(1).batchSize(n).shuffle(false).verbose(0).divergenceFactor(Double.POSITIVE_INFINITY)
                    .sampleWeight(w));
            double analytic = k - m.getParameters()[0];
            assertEquals(numeric, analytic, 1e-3 * (1 + Math.abs(numeric)), "case " + c + ": x " + Arrays.deepToString(x)
                    + ", y " + Arrays.deepToString(y) + ", w " + Arrays.toString(w) + ", k " + k);
        }
    }

    /** One-hot and sparse targets: classWeight gives bitwise the run of the sample weights it maps to (arg-max / label). */
    @Test
    void classWeightIsTheSampleWeightOfTheTargetsClass() {
        Map<Integer, Double> classWeight = Map.of(0, 1.0, 1, 2.5, 2, 0.5);
        float[] mapped = new float[Iris.LABELS.length];
        float[][] sparse = new float[Iris.LABELS.length][1];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = classWeight.get(Iris.LABELS[i]).floatValue();
            sparse[i][0] = Iris.LABELS[i];
        }
        for (String loss : new String[] {"categorical_crossentropy", "sparse_categorical_crossentropy"}) {
            float[][] y = loss.startsWith("sparse") ? sparse : Iris.Y;
            float[] byClass = iris(loss, y, FitOptions.epochs(2).batchSize(16).verbose(0).classWeight(classWeight));
            float[] bySample = iris(loss, y, FitOptions.epochs(2).batchSize(16).verbose(0).sampleWeight(mapped));
            assertArrayEquals(bySample, byClass, loss);
        }
    }

    private static float[] iris(String loss, float[][] y, FitOptions options) {
        Sequential m = new Sequential(new Dense(8, "relu").inputDim(4), new Dense(3, "softmax")).seed(9);
        m.compile(loss, "adam", "accuracy");
        m.fit(Iris.X, y, options);
        return m.getParameters();
    }

    /** Weights of 1 give the unweighted run (to float rounding: the weighted loss is taken row by row). */
    @Test
    void unitWeightsChangeNothing() {
        float[] ones = new float[Iris.X.length];
        Arrays.fill(ones, 1);
        Sequential plain = Iris.lectureModel(4);
        Sequential weighted = Iris.lectureModel(4);
        History a = plain.fit(Iris.X, Iris.Y, FitOptions.epochs(3).batchSize(10).verbose(0));
        History b = weighted.fit(Iris.X, Iris.Y, FitOptions.epochs(3).batchSize(10).verbose(0).sampleWeight(ones));
        assertEquals(a.last("loss"), b.last("loss"), 1e-6);
        assertArrayEquals(plain.getParameters(), weighted.getParameters(), 1e-5f);
    }

    /** Validation weights, given or kept through validationSplit, weigh val_loss as evaluate(x, y, w) does. */
    @Test
    void validationCarriesItsWeights() {
        Sequential m = line(0.5f, 0.01);
        float[][] vx = {{1}, {-1}, {3}};
        float[][] vy = {{0}, {2}, {1}};
        float[] vw = {0.5f, 2, 0};
        History h = m.fit(X, Y, oneStep().validationData(vx, vy, vw));
        assertEquals(m.evaluate(vx, vy, vw).loss(), h.last("val_loss"), 1e-12);
        Sequential s = line(0.5f, 0.01);
        float[][] x4 = {{1}, {2}, {1}, {-1}};
        float[][] y4 = {{1}, {3}, {0}, {2}};
        History split = s.fit(x4, y4, oneStep().validationSplit(0.5).sampleWeight(new float[] {1, 3, 0.5f, 2}));
        assertEquals(s.evaluate(new float[][] {{1}, {-1}}, new float[][] {{0}, {2}}, new float[] {0.5f, 2}).loss(),
                split.last("val_loss"), 1e-12);
    }

    @Test
    void badWeightsAreRefusedWithTheirPlace() {
        Sequential m = line(0, 0.1);
        float[] before = m.getParameters();
        assertMessage(() -> m.fit(X, Y, oneStep().sampleWeight(new float[] {1})), "sampleWeight has 1 values but x has 2 samples");
        assertMessage(() -> m.fit(X, Y, oneStep().sampleWeight(new float[] {1, -2})), "sampleWeight[1] is -2.0");
        assertMessage(() -> m.fit(X, Y, oneStep().sampleWeight(new float[] {Float.NaN, 1})), "sampleWeight[0] is NaN");
        assertMessage(() -> m.evaluate(X, Y, new float[] {1, 2, 3}), "sampleWeight has 3 values but x has 2 samples");
        assertMessage(() -> m.fit(X, Y, oneStep().classWeight(Map.of(2, 1.0))), "class 2, but this model's targets have 2 classes");
        assertMessage(() -> m.fit(X, Y, oneStep().classWeight(Map.of(1, -1.0))), "classWeight of class 1 is -1.0");
        assertMessage(() -> m.fit(X, Y, oneStep().classWeight(Map.of(0, Double.NaN))), "classWeight of class 0 is NaN");
        assertMessage(() -> m.fit(X, Y, oneStep().classWeight(Map.of(0, 1.0)).sampleWeight(W)), "both sampleWeight and classWeight");
        assertMessage(() -> m.fit(X, Y, oneStep().validationData(X, Y, new float[] {1})),
                "validation sampleWeight has 1 values but validation x has 2 samples");
        Sequential three = Iris.lectureModel(1);
        assertMessage(() -> three.fit(Iris.X, Iris.Y, oneStep().classWeight(Map.of(3, 1.0))), "0 to 2");
        assertArrayEquals(before, m.getParameters(), "a refused fit changes nothing");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "expected \"" + part + "\" in: " + e.getMessage());
    }
}
