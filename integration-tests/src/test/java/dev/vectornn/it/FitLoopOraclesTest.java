package dev.vectornn.it;

import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.models.Callback;
import dev.vectornn.models.Evaluation;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training loop against oracles that are not another copy of it: the shuffle's distribution,
 * what dropout does to a batch, and {@code evaluate}'s mean computed by hand in double precision.
 * About half a second in all.
 */
class FitLoopOraclesTest {

    /**
     * Every one of the 6 orders of 3 samples appears, about equally often: a chi-square statistic
     * over 1200 epochs stays below 20.5 (p = 0.001 at 5 degrees of freedom). A shuffle that draws
     * {@code nextInt(i)} instead of {@code nextInt(i + 1)} makes only 2 orders and fails.
     */
    @Test
    void theShuffleDrawsEveryOrderOfThreeSamplesEquallyOften() {
        // A model that cannot learn (zero weights, zero inputs): a batch's loss t² names its sample.
        Sequential model = new Sequential(new Dense(1).useBias(false).kernelInitializer("zeros").inputDim(1)).seed(17);
        model.compile("mse", new Sgd(0.1));
        float[][] x = {{0}, {0}, {0}};
        float[][] y = {{1}, {2}, {3}};
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder order = new StringBuilder();
        Callback recorder = new Callback() {
            @Override
            public void onBatchEnd(Sequential m, int epoch, int batch, int rows, double loss) {
                order.append((int) Math.round(Math.sqrt(loss)));
                if (batch == 2) {
                    counts.merge(order.toString(), 1, Integer::sum);
                    order.setLength(0);
                }
            }
        };
        int epochs = 1200;
        model.fit(x, y, FitOptions.epochs(epochs).batchSize(1).verbose(0).callbacks(recorder));
        assertEquals(6, counts.size(), "every order of 3 samples appears: " + counts);
        double expected = epochs / 6.0;
        double chi2 = 0;
        for (int c : counts.values()) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 20.5, "chi-square " + chi2 + " of " + counts);
    }

    /**
     * In training, dropout zeroes each input with probability {@code rate} and scales the others
     * by exactly {@code 1 / (1 − rate)}; in inference it passes the input through. One SGD step
     * from zero weights writes the dropped-out batch into the next layer's weights, where the test
     * reads it: {@code w ← 0 − 0.5 · (−2 h) = h}.
     */
    @Test
    void dropoutZeroesAboutItsRateInTrainingAndScalesTheRestByTheInverseOfTheKeptFraction() {
        int n = 20_000;
        float rate = 0.3f;
        Sequential model = new Sequential().input(n).seed(23);
        model.add(new Dropout(rate));
        model.add(new Dense(1).useBias(false).kernelInitializer("zeros"));
        model.compile("mse", new Sgd(0.5));
        float[][] x = new float[1][n];
        java.util.Arrays.fill(x[0], 1f);
        model.trainOnBatch(x, new float[][] {{1}});
        float[] h = model.getParameters();
        float kept = 1f / (1f - rate);
        int zeros = 0;
        for (int j = 0; j < n; j++) {
            if (h[j] == 0f) {
                zeros++;
            } else {
                assertEquals(kept, h[j], 1e-6f, "a kept input is scaled by 1/(1 − rate); input " + j);
            }
        }
        double sigma = Math.sqrt(rate * (1 - rate) / n);
        assertEquals(rate, zeros / (double) n, 5 * sigma, "the fraction dropped");

        java.util.Arrays.fill(h, 1f);
        model.setParameters(h);
        assertEquals(n, model.predict(x[0])[0], 0f, "inference passes every input through unscaled");
    }

    /**
     * {@code evaluate}'s loss and accuracy are the means over all samples, also across its
     * 256-row chunks: checked against softmax and mean squared error computed here in doubles.
     */
    @Test
    void evaluateIsTheMeanOverAllSamplesAsComputedByHand() {
        Sequential model = new Sequential(new Dense(3, "softmax").inputDim(4));
        model.compile("mean_squared_error", "sgd", "accuracy");
        SplittableRandom r = new SplittableRandom(29);
        float[] p = new float[model.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextDouble(-1, 1);
        }
        model.setParameters(p);
        int rows = 2 * Iris.X.length + 7; // more than one chunk, and not a multiple of it
        float[][] x = new float[rows][];
        float[][] y = new float[rows][];
        for (int i = 0; i < rows; i++) {
            x[i] = Iris.X[i % Iris.X.length];
            y[i] = Iris.Y[(i * 7) % Iris.Y.length]; // targets that do not match the inputs' own classes
        }
        double lossSum = 0;
        int correct = 0;
        for (int i = 0; i < rows; i++) {
            double[] z = new double[3];
            for (int j = 0; j < 3; j++) {
                z[j] = p[12 + j];
                for (int k = 0; k < 4; k++) {
                    z[j] += x[i][k] * (double) p[k * 3 + j];
                }
            }
            double max = Math.max(z[0], Math.max(z[1], z[2]));
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                z[j] = Math.exp(z[j] - max);
                sum += z[j];
            }
            int best = 0;
            int label = 0;
            for (int j = 0; j < 3; j++) {
                double pj = z[j] / sum;
                lossSum += (pj - y[i][j]) * (pj - y[i][j]) / 3;
                best = z[j] > z[best] ? j : best;
                label = y[i][j] > y[i][label] ? j : label;
            }
            correct += best == label ? 1 : 0;
        }
        Evaluation e = model.evaluate(x, y);
        assertEquals(lossSum / rows, e.loss(), 1e-6, "mean squared error");
        assertEquals(correct / (double) rows, e.accuracy(), 1e-12, "accuracy");
    }
}
