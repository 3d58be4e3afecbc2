package dev.vectornn.spark;

import java.io.Serializable;

/**
 * Called on the executor before a partition computes its share of a step; tests use it to make a
 * task fail on purpose and check that Spark's retry gives the same result.
 */
@FunctionalInterface
interface TaskHook extends Serializable {

    TaskHook NONE = (epoch, step, partition) -> { };

    void beforeStep(int epoch, int step, int partition);
}
