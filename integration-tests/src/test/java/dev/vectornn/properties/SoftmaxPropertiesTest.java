package dev.vectornn.properties;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.PropertySettings;
import dev.vectornn.testkit.ReferenceNetwork;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Softmax, through {@code Kernels.activationForward(SOFTMAX, ...)} of every backend: rows are
 * probability distributions that keep the order of their inputs and match a double-precision
 * softmax, also for inputs around ±1000 where a naive {@code e^x} overflows.
 *
 * <p>Tolerances: a float softmax rounds each exponential, the row sum and the division, so every
 * output carries a relative error of a few ulps and the row sum is within a few ulps of 1:
 * {@value #SUM_TOLERANCE} on the sum (16 columns at most, 2^-23 ≈ 1.2e-7 per ulp) and
 * {@value #RELATIVE_TOLERANCE} relative per output leave a margin of about ten.
 */
class SoftmaxPropertiesTest {

    static final double SUM_TOLERANCE = 1e-6;
    static final double RELATIVE_TOLERANCE = 1e-5;
    static final int EXAMPLES = 200;

    /** A block of {@code rows × cols} softmax inputs for one backend. */
    record Block(Backend backend, int rows, int cols, float[] x) {
        @Override
        public String toString() {
            return backend.name() + ": " + rows + "×" + cols + " " + Arrays.toString(x);
        }
    }

    /** Inputs within ±40: every e^(x − max) stays far above float's underflow (e^-87). */
    static Gen<Block> moderate(Backend b) {
        return block(b, in -> in.next(Constraint.between(-4000, 4000)) / 100f);
    }

    /**
     * Inputs of ±1000, 0 and values within ±20 of ±1000: a softmax that does not subtract the
     * row maximum overflows to infinity or NaN here.
     */
    static Gen<Block> extreme(Backend b) {
        return block(b, in -> {
            float base = new float[] {-1000f, 1000f, 0f}[(int) in.next(Constraint.between(0, 2))];
            return base + in.next(Constraint.between(-2000, 2000)) / 100f * (in.next(Constraint.between(0, 1)) == 0 ? 0 : 1);
        });
    }

    interface Value {
        float next(org.quicktheories.core.RandomnessSource in);
    }

    static Gen<Block> block(Backend b, Value value) {
        return in -> {
            int rows = (int) in.next(Constraint.between(1, 4));
            int cols = (int) in.next(Constraint.between(1, 16));
            float[] x = new float[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = value.next(in);
            }
            return new Block(b, rows, cols, x);
        };
    }

    @Test
    void rowsArePositiveSumToOneKeepOrderAndMatchDoublePrecision() {
        for (Backend b : TestBackends.all()) {
            PropertySettings.qt(EXAMPLES).forAll(moderate(b)).checkAssert(block -> {
                float[] y = softmax(block);
                for (float v : y) {
                    assertTrue(v > 0f, () -> "softmax output " + v + " is not positive: " + Arrays.toString(y));
                }
                assertDistributionInOrderAndAccurate(block, y);
            });
        }
    }

    /**
     * Around ±1000 outputs are still a distribution in order and match the double softmax. They
     * need not all be positive: in a row holding both 1000 and −1000, e^-2000 is 0 in any
     * floating-point format.
     */
    @Test
    void largeInputsGiveFiniteDistributionsInOrder() {
        for (Backend b : TestBackends.all()) {
            PropertySettings.qt(EXAMPLES).forAll(extreme(b)).checkAssert(block -> {
                float[] y = softmax(block);
                for (float v : y) {
                    assertTrue(v >= 0f && v <= 1f, () -> "softmax output " + v + " is not in [0, 1]: " + Arrays.toString(y));
                }
                assertDistributionInOrderAndAccurate(block, y);
            });
        }
    }

    /** In place (x and y the same array) gives exactly what a separate output gives. */
    @Test
    void inPlaceEqualsOutOfPlace() {
        for (Backend b : TestBackends.all()) {
            PropertySettings.qt(EXAMPLES).forAll(moderate(b)).checkAssert(block -> {
                float[] inPlace = block.x().clone();
                b.kernels().activationForward(Activation.SOFTMAX, block.rows(), block.cols(), inPlace, 0, inPlace, 0);
                assertTrue(Arrays.equals(softmax(block), inPlace), "in-place softmax differs");
            });
        }
    }

    static float[] softmax(Block block) {
        float[] y = new float[block.x().length];
        block.backend().kernels().activationForward(Activation.SOFTMAX, block.rows(), block.cols(), block.x().clone(), 0, y, 0);
        return y;
    }

    static void assertDistributionInOrderAndAccurate(Block block, float[] y) {
        int cols = block.cols();
        double[] ref = ReferenceNetwork.toDouble(block.x());
        for (int r = 0; r < block.rows(); r++) {
            ReferenceNetwork.activate(Activation.SOFTMAX, ref, r * cols, cols);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                assertTrue(Float.isFinite(y[i]), "output " + i + " is " + y[i]);
                sum += y[i];
                double err = Math.abs(y[i] - ref[i]);
                assertTrue(err <= RELATIVE_TOLERANCE * ref[i] + 1e-30,
                        "output " + i + " is " + y[i] + ", the double softmax gives " + ref[i]);
                for (int k = 0; k < cols; k++) {
                    int o = r * cols + k;
                    if (block.x()[i] < block.x()[o]) {
                        assertTrue(y[i] <= y[o], "inputs " + block.x()[i] + " < " + block.x()[o] + " but outputs "
                                + y[i] + " > " + y[o]);
                    }
                }
            }
            assertEquals(1.0, sum, SUM_TOLERANCE, "row " + r + " sums to " + sum);
        }
    }
}
