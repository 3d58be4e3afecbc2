package dev.vectornn.losses;

/**
 * Keras' {@code hinge}: {@code mean(max(1 − t · y, 0))} per sample, for targets of −1 or 1 (a
 * batch of 0/1 targets is read as ±1, and {@code "accuracy"} is binary: see {@link HingeLoss}).
 */
public final class Hinge extends HingeLoss {
    @Override
    public String name() {
        return "hinge";
    }

    @Override
    double value(double y, double t) {
        return margin(y, t);
    }

    @Override
    double slope(double y, double t) {
        return margin(y, t) > 0 ? -t : 0.0;
    }
}
