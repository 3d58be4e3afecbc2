package dev.vectornn.losses;

/**
 * Keras' {@code squared_hinge}: {@code mean(max(1 − t · y, 0)²)} per sample, for targets of −1 or
 * 1 (a batch of 0/1 targets is read as ±1, and {@code "accuracy"} is binary: see {@link HingeLoss}).
 */
public final class SquaredHinge extends HingeLoss {
    @Override
    public String name() {
        return "squared_hinge";
    }

    @Override
    double value(double y, double t) {
        double m = margin(y, t);
        return m * m;
    }

    @Override
    double slope(double y, double t) {
        return -2.0 * t * margin(y, t);
    }
}
