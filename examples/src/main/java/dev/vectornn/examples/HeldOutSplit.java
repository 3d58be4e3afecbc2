package dev.vectornn.examples;

import dev.vectornn.data.Split;

/**
 * A table's rows in three parts: the training rows, the validation rows that {@code fit} watches
 * (for early stopping, checkpoints and the chart's validation curves), and the test rows that
 * nothing sees until the final evaluation. The test part is taken first; the validation part is
 * then taken from what is left, with the next seed, so changing the validation share never
 * changes which rows are tested.
 *
 * @param train      row indices to train on
 * @param validation row indices to validate on during training
 * @param test       row indices held out for the final evaluation
 */
record HeldOutSplit(int[] train, int[] validation, int[] test) {

    /** Splits {@code labels.length} rows so that each part keeps every class's share ({@link Split#stratified}). */
    static HeldOutSplit stratified(int[] labels, double testFraction, double validationFraction, long seed) {
        Split outer = Split.stratified(labels, testFraction, seed);
        Split inner = Split.stratified(Split.take(labels, outer.trainIndices()), validationFraction, seed + 1);
        return of(outer, inner);
    }

    /** Splits {@code rows} rows at random ({@link Split#random}), for targets that are not classes. */
    static HeldOutSplit random(int rows, double testFraction, double validationFraction, long seed) {
        Split outer = Split.random(rows, testFraction, seed);
        Split inner = Split.random(outer.trainIndices().length, validationFraction, seed + 1);
        return of(outer, inner);
    }

    private static HeldOutSplit of(Split outer, Split inner) {
        int[] rest = outer.trainIndices();
        return new HeldOutSplit(Split.take(rest, inner.trainIndices()), Split.take(rest, inner.testIndices()),
                outer.testIndices());
    }
}
