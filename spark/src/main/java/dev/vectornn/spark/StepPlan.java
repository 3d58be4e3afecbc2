package dev.vectornn.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * Which rows of each partition make up a global mini-batch.
 *
 * <p>An epoch walks a global position {@code k} from 0 to {@code n}; batch {@code s} covers
 * positions {@code [s·B, min((s+1)·B, n))}. Partition {@code p} of {@code n_p} rows contributes its
 * proportional share: its (shuffled) local rows {@code [⌊k₀·n_p/n⌋, ⌊k₁·n_p/n⌋)} for the batch's
 * positions {@code [k₀, k₁)}. Every row is used exactly once per epoch, no data moves between
 * machines, and each batch draws from every partition in proportion to its size (a stratified
 * sample). Because each share is rounded down, a batch may hold up to {@code P − 1} rows more or
 * fewer than {@code B} (P partitions): the sum over partitions of {@code ⌊k·n_p/n⌋} is {@code k}
 * minus the sum of P fractional parts. The gradient is always divided by the rows the batch really has.
 */
record StepPlan(long from, long to, long total) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static StepPlan of(int step, int batchSize, long total) {
        long from = (long) step * batchSize;
        return new StepPlan(from, Math.min(from + batchSize, total), total);
    }

    static int steps(long total, int batchSize) {
        return (int) ((total + batchSize - 1) / batchSize);
    }

    /** First local row of a partition of {@code rows} rows in this batch. */
    int localFrom(int rows) {
        return share(from, rows);
    }

    /** One past the last local row of a partition of {@code rows} rows in this batch. */
    int localTo(int rows) {
        return share(to, rows);
    }

    private int share(long position, int rows) {
        return (int) (Math.multiplyExact(position, rows) / total);
    }
}
