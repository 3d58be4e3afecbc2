package dev.vectornn.properties;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.Breakage;
import dev.vectornn.testkit.BrokenBackend;
import dev.vectornn.testkit.PropertySettings;
import dev.vectornn.testkit.ReferenceNetwork.LossKind;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.ExceptionReporter;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The gradient property can fail: with one derivative broken ({@link Breakage}: an activation, a
 * loss, the softmax Jacobian, the dense backward pass) on top of each real backend, the very
 * same {@link GradientProperty} that {@link GradientPropertyTest} runs is falsified, and
 * QuickTheories reports a counterexample shrunk to the smallest batch that shows the bug, with the
 * seed to replay it.
 */
class BrokenDerivativeIsCaughtTest {

    /** Enough examples to reach a failing one; the first usually fails already. */
    static final int EXAMPLES = 20;

    @TestFactory
    List<DynamicTest> everyBrokenDerivativeFalsifiesTheGradientProperty() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend real : TestBackends.all()) {
            for (Breakage b : Breakage.values()) {
                tests.add(dynamicTest(real.name() + " + " + b, () -> assertCaught(new BrokenBackend(real, b), b)));
            }
        }
        return tests;
    }

    /** A combination of the main suite that exercises the broken derivative. */
    static Combo exposing(Breakage b) {
        return switch (b) {
            case SIGMOID_DERIVATIVE_TIMES_1_1 -> new Combo(Activation.SIGMOID, Activation.LINEAR, LossKind.MEAN_SQUARED_ERROR);
            case TANH_DERIVATIVE_ONE_MINUS_ABS -> new Combo(Activation.TANH, Activation.LINEAR, LossKind.MEAN_SQUARED_ERROR);
            case RELU_DERIVATIVE_IGNORES_MASK -> new Combo(Activation.RELU, Activation.LINEAR, LossKind.MEAN_SQUARED_ERROR);
            case SOFTMAX_JACOBIAN_DIAGONAL_ONLY -> new Combo(Activation.TANH, Activation.SOFTMAX, LossKind.MEAN_SQUARED_ERROR);
            case MSE_GRADIENT_SIGN_FLIPPED -> new Combo(Activation.LINEAR, Activation.LINEAR, LossKind.MEAN_SQUARED_ERROR);
            case MSE_GRADIENT_WITHOUT_FACTOR_2 -> new Combo(Activation.LINEAR, Activation.SIGMOID, LossKind.MEAN_SQUARED_ERROR);
            case CATEGORICAL_CROSSENTROPY_NOT_BATCH_MEAN ->
                    new Combo(Activation.TANH, Activation.SOFTMAX, LossKind.CATEGORICAL_CROSSENTROPY);
            case SPARSE_CATEGORICAL_CROSSENTROPY_WRONG_CLASS ->
                    new Combo(Activation.SIGMOID, Activation.SOFTMAX, LossKind.SPARSE_CATEGORICAL_CROSSENTROPY);
            case BINARY_CROSSENTROPY_GRADIENT_SIGN_FLIPPED ->
                    new Combo(Activation.SIGMOID, Activation.SIGMOID, LossKind.BINARY_CROSSENTROPY);
            case DENSE_DX_HALVED -> new Combo(Activation.TANH, Activation.LINEAR, LossKind.MEAN_SQUARED_ERROR);
            case DENSE_DB_SKIPPED -> new Combo(Activation.SIGMOID, Activation.SOFTMAX, LossKind.CATEGORICAL_CROSSENTROPY);
            case DENSE_DW_DROPS_LAST_ROW -> new Combo(Activation.SIGMOID, Activation.SOFTMAX, LossKind.MEAN_SQUARED_ERROR);
        };
    }

    /** The smallest batch that can show the bug: 2 where a batch of one row hides it. */
    static int smallestBatchShowing(Breakage b) {
        return b == Breakage.CATEGORICAL_CROSSENTROPY_NOT_BATCH_MEAN ? 2 : 1;
    }

    private static void assertCaught(BrokenBackend broken, Breakage b) {
        Combo combo = exposing(b);
        assertTrue(Combo.all().contains(combo), combo + " is one of the main suite's combinations");
        SmallestRecorder recorder = new SmallestRecorder();
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientProperty.check(PropertySettings.qt(EXAMPLES).withReporter(recorder), broken, combo),
                "the gradient property must fail with " + b + " on " + combo);
        String message = e.getMessage();
        assertTrue(message.contains("Smallest found falsifying value"), message);
        assertTrue(message.contains("Seed was " + PropertySettings.seed()), message);
        assertTrue(message.contains("gradient of "), "the cause names the coordinate: " + message);
        Scenario smallest = assertInstanceOf(Scenario.class, recorder.smallest);
        assertTrue(message.contains(smallest.toString()), "the message shows the shrunk scenario");
        assertEquals(smallestBatchShowing(b), smallest.batch(), () -> "shrunk to the smallest batch: " + smallest);
    }

    /** QuickTheories' own reporter (which throws the AssertionError), remembering the shrunk value. */
    private static final class SmallestRecorder extends ExceptionReporter {
        Object smallest;

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause,
                                   List<Object> others, AsString<Object> toString) {
            this.smallest = smallest;
            super.falisification(seed, examplesUsed, smallest, cause, others, toString);
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, List<Object> others,
                                   AsString<Object> toString) {
            this.smallest = smallest;
            super.falisification(seed, examplesUsed, smallest, others, toString);
        }
    }
}
