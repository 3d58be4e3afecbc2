package dev.vectornn.examples;

import dev.vectornn.models.History;

import java.util.List;

/** Where in a {@link History} a value was lowest: the epoch early stopping and checkpoints keep. */
final class EpochLog {

    private EpochLog() {
    }

    /** The epoch (from 0) with the lowest {@code name}; the first of equal ones, as Keras' strict "improved" test keeps. */
    static int best(History history, String name) {
        List<Double> values = history.get(name);
        int best = 0;
        for (int e = 1; e < values.size(); e++) {
            if (values.get(e) < values.get(best)) {
                best = e;
            }
        }
        return best;
    }

    /** The lowest {@code name} of any epoch. */
    static double min(History history, String name) {
        return history.get(name).get(best(history, name));
    }
}
