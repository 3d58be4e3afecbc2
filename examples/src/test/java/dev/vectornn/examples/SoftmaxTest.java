package dev.vectornn.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxTest {

    @Test
    void theLecturesSoftmaxOneHotTargetsAndCrossEntropy() {
        Output out = new Output();
        Softmax.Result r = new Softmax().run(out.stream);

        double sum = Math.exp(3.0) + Math.exp(1.5) + Math.exp(0.3);
        double[] expected = {Math.exp(3.0) / sum, Math.exp(1.5) / sum, Math.exp(0.3) / sum};
        double[] lecture = {0.78, 0.17, 0.05};
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], r.probabilities()[i], 1e-6, "p" + i);
            // The slide's two-place figures (0.775 rounded up to 0.78).
            assertEquals(lecture[i], r.probabilities()[i], 0.0051, "lecture's p" + i);
            assertEquals(-Math.log(expected[i]), r.crossEntropy()[i], 1e-5, "cross-entropy against class " + i);
        }
        assertArrayEquals(new float[] {1, 0, 0}, r.oneHot()[0]);
        assertArrayEquals(new float[] {0, 1, 0}, r.oneHot()[1]);
        assertArrayEquals(new float[] {0, 0, 1}, r.oneHot()[2]);

        String text = out.text();
        assertTrue(text.contains("p = (0.7750, 0.1729, 0.0521)"), text);
        assertTrue(text.contains("Iris-versicolor  -> 1 -> [0.0, 1.0, 0.0]"), text);
    }
}
