package dev.vectornn.metrics;

import dev.vectornn.losses.Loss;
import dev.vectornn.losses.Losses;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code "accuracy"} follows what a loss declares ({@link Loss#accuracyKind()}), never its name:
 * an outside cross-entropy with an unrelated name gets the accuracy it declares, and a loss whose
 * name merely contains "sparse" or "binary" but declares nothing is judged by its shapes.
 */
class AccuracyResolutionTest {

    /** A loss that declares {@code kind} under a name that says nothing about it. */
    private static Loss declaring(String name, Loss.AccuracyKind kind, int targetWidth) {
        return new Loss() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Loss.AccuracyKind accuracyKind() {
                return kind;
            }

            @Override
            public int targetWidth(int outputWidth) {
                return targetWidth < 0 ? outputWidth : targetWidth;
            }

            @Override
            public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                                 float[] grad, int gOff, boolean fused) {
                throw new UnsupportedOperationException("not needed to resolve a metric");
            }
        };
    }

    private static Accuracy.Kind resolved(Loss loss, int outputWidth) {
        return ((Accuracy) Metrics.resolve("accuracy", loss, outputWidth)).kind();
    }

    @Test
    void theDeclaredKindWinsWhateverTheName() {
        assertEquals(Accuracy.Kind.CATEGORICAL, resolved(declaring("my_xent", Loss.AccuracyKind.CATEGORICAL, -1), 3));
        assertEquals(Accuracy.Kind.SPARSE, resolved(declaring("labels_loss", Loss.AccuracyKind.SPARSE, 1), 3));
        assertEquals(Accuracy.Kind.BINARY, resolved(declaring("logistic", Loss.AccuracyKind.BINARY, -1), 4));
        // Declared categorical wins even over a single output, which shapes alone would call binary.
        assertEquals(Accuracy.Kind.CATEGORICAL, resolved(declaring("one_out", Loss.AccuracyKind.CATEGORICAL, -1), 1));
    }

    @Test
    void aLossThatDeclaresNothingIsJudgedByItsShapesNotItsName() {
        assertEquals(Accuracy.Kind.CATEGORICAL, resolved(declaring("sparse_binary", Loss.AccuracyKind.NONE, -1), 3));
        assertEquals(Accuracy.Kind.SPARSE, resolved(declaring("plain", Loss.AccuracyKind.NONE, 1), 3));
        assertEquals(Accuracy.Kind.BINARY, resolved(declaring("plain", Loss.AccuracyKind.NONE, -1), 1));
    }

    @Test
    void theBuiltInLossesDeclareTheirKind() {
        assertEquals(Loss.AccuracyKind.CATEGORICAL, Losses.get("categorical_crossentropy").accuracyKind());
        assertEquals(Loss.AccuracyKind.SPARSE, Losses.get("sparse_categorical_crossentropy").accuracyKind());
        assertEquals(Loss.AccuracyKind.BINARY, Losses.get("binary_crossentropy").accuracyKind());
        assertEquals(Loss.AccuracyKind.NONE, Losses.get("mse").accuracyKind());
        assertEquals(Accuracy.Kind.BINARY, resolved(Losses.get("binary_crossentropy"), 3));
    }
}
