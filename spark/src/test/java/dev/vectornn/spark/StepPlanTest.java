package dev.vectornn.spark;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class StepPlanTest {

    @Test
    void everyRowIsUsedOnceAndBatchesMissTheirSizeByLessThanThePartitionCount() {
        qt().withExamples(300).withFixedSeed(5)
                .forAll(longs().all(), integers().between(1, 12), integers().between(1, 300))
                // All partitions empty: there is nothing to plan (training refuses empty data first).
                .assuming((seed, partitions, batch) -> java.util.Arrays.stream(sizes(seed, partitions)).sum() > 0)
                .checkAssert((seed, partitions, batch) -> {
                    int[] sizes = sizes(seed, partitions);
                    long total = java.util.Arrays.stream(sizes).sum();
                    int[] next = new int[partitions];
                    int steps = StepPlan.steps(total, batch);
                    for (int s = 0; s < steps; s++) {
                        StepPlan plan = StepPlan.of(s, batch, total);
                        long rows = 0;
                        for (int p = 0; p < partitions; p++) {
                            assertEquals(next[p], plan.localFrom(sizes[p]), "batches of partition " + p + " are contiguous");
                            int to = plan.localTo(sizes[p]);
                            assertTrue(to >= next[p], "partition " + p + " never goes back");
                            rows += to - next[p];
                            next[p] = to;
                        }
                        long wanted = plan.to() - plan.from();
                        assertTrue(Math.abs(rows - wanted) < partitions,
                                "step " + s + " has " + rows + " rows for a batch of " + wanted + " over " + partitions + " partitions");
                    }
                    for (int p = 0; p < partitions; p++) {
                        assertEquals(sizes[p], next[p], "partition " + p + " used up in one epoch");
                    }
                });
    }

    /** Partition sizes from 0 to 499, drawn from {@code seed}. */
    private static int[] sizes(long seed, int partitions) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] sizes = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            sizes[p] = r.nextInt(0, 500);
        }
        return sizes;
    }
}
