package dev.vectornn.layers;

import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Embedding} over one column of a tabular row: lookup, pass-through, gradient, checks. */
class EmbeddingTest {

    private static Sequential model() {
        Sequential m = new Sequential().seed(3);
        m.add(new Embedding(3, 2).column(1).inputDim(3));
        m.compile("mse", new Sgd(1));
        // The table [[0, 0.5], [1, 1.5], [2, 2.5]] (Keras' embeddings [input_dim, output_dim]).
        m.setParameters(new float[] {0, 0.5f, 1, 1.5f, 2, 2.5f});
        return m;
    }

    @Test
    void theCategoryColumnIsReplacedByItsRowOfTheTable() {
        // Keras: Embedding(3, 2)(2) = embeddings[2] = [2, 2.5]; the numeric columns pass through around it.
        Sequential m = model();
        assertEquals(4, m.layerInputWidth(1));
        assertArrayEquals(new float[] {5, 2, 2.5f, 7}, m.predict(new float[] {5, 2, 7}));
        assertArrayEquals(new float[] {-1, 0, 0.5f, 4}, m.predict(new float[] {-1, 0, 4}));
    }

    @Test
    void theGradientReachesOnlyTheRowsUsed() {
        // MSE over 4 outputs: d(mean)/dy = 2 (y − t) / 4. Row [5, 1, 7] → y = [5, 1, 1.5, 7], target
        // [5, 0, 0, 7]: the gradient of embeddings[1] is [2 · 1 / 4, 2 · 1.5 / 4] = [0.5, 0.75].
        Sequential m = model();
        m.trainOnBatch(new float[][] {{5, 1, 7}}, new float[][] {{5, 0, 0, 7}});
        assertArrayEquals(new float[] {0, 0, 0.5f, 0.75f, 0, 0}, m.gradientsView(), 1e-7f);
    }

    @Test
    void aCategoryOutOfRangeFailsNamingItAndChangesNothing() {
        Sequential m = model();
        float[] before = m.getParameters();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.trainOnBatch(new float[][] {{5, 1, 7}, {5, 3, 7}}, new float[][] {{0, 0, 0, 0}, {0, 0, 0, 0}}));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("3.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(new float[] {5, 0.5f, 7}));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        assertArrayEquals(before, m.getParameters());
        assertEquals(0L, m.snapshot().step());
    }
}
