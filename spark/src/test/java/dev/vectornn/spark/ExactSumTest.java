package dev.vectornn.spark;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class ExactSumTest {

    @Test
    void anyOrderAndGroupingGivesTheSameBits() {
        qt().withExamples(200).withFixedSeed(17)
                .forAll(longs().all(), integers().between(2, 9))
                .checkAssert((seed, parts) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    List<float[]> contributions = new ArrayList<>();
                    for (int p = 0; p < parts; p++) {
                        float[] v = new float[4];
                        for (int i = 0; i < v.length; i++) {
                            // Magnitudes from 1e-20 to 1e6, both signs, to mix exponents widely.
                            v[i] = (float) (Math.pow(10, r.nextDouble(-20, 6)) * (r.nextBoolean() ? 1 : -1));
                        }
                        contributions.add(v);
                    }
                    ExactSum inOrder = new ExactSum();
                    double[] reference = new double[4];
                    for (float[] c : contributions) {
                        inOrder.add(c, 1);
                        for (int i = 0; i < 4; i++) {
                            reference[i] += c[i];
                        }
                    }
                    List<float[]> shuffled = new ArrayList<>(contributions);
                    Collections.shuffle(shuffled, new java.util.Random(seed));
                    // Pairwise tree of partial sums, in shuffled order.
                    List<ExactSum> level = new ArrayList<>();
                    for (float[] c : shuffled) {
                        level.add(new ExactSum().add(c, 1));
                    }
                    while (level.size() > 1) {
                        List<ExactSum> next = new ArrayList<>();
                        for (int i = 0; i < level.size(); i += 2) {
                            next.add(i + 1 < level.size() ? level.get(i + 1).add(level.get(i)) : level.get(i));
                        }
                        level = next;
                    }
                    ExactSum tree = level.get(0);
                    assertEquals((long) parts, tree.rows());
                    for (int i = 0; i < 4; i++) {
                        assertEquals(Double.doubleToRawLongBits(inOrder.get(i)), Double.doubleToRawLongBits(tree.get(i)),
                                "value " + i + ": " + inOrder.get(i) + " vs " + tree.get(i));
                        assertEquals(reference[i], inOrder.get(i), 1e-12 * Math.abs(reference[i]) + 1e-20);
                    }
                });
    }

    @Test
    void smallAndNegativeValuesRoundTrip() {
        float[] v = {1f, -1f, 0.1f, -3.5e-7f, 1.4e-45f, 2.5e13f, -2.5e13f};
        ExactSum s = new ExactSum().add(v, 1);
        for (int i = 0; i < 6; i++) {
            if (i == 4) {
                assertEquals(0.0, s.get(i), "below the 2^-70 resolution");
            } else {
                assertEquals((double) v[i], s.get(i), 0.0, "value " + i);
            }
        }
        assertEquals((double) -2.5e13f, s.get(6), 0.0);
    }

    @Test
    void divergedValuesAreRejected() {
        assertThrows(ArithmeticException.class, () -> new ExactSum().add(new float[] {3e14f}, 1));
        assertThrows(ArithmeticException.class, () -> new ExactSum().add(new float[] {Float.NaN}, 1));
    }
}
