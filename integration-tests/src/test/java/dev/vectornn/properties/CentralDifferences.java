package dev.vectornn.properties;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The central-difference loop the training-mode gradient properties share: each of the first
 * {@code count} parameters is moved by {@code ±h} in double, the loss computed in double at both
 * points, and {@code (up − down) / 2h} compared with the backend's float gradient. A coordinate
 * fails only if {@code |a − n|} exceeds {@code absoluteFloor} and {@code |a − n| / (|a| + |n|)}
 * exceeds 1e-3 (see {@link dev.vectornn.testkit.GradientCheck} for why both).
 */
final class CentralDifferences {

    private CentralDifferences() {
    }

    /** @throws AssertionError naming the parameter, {@code where}, and both values */
    static void check(float[] params, int count, float[] analytic, ToDoubleFunction<double[]> loss, double h,
                      double absoluteFloor, Supplier<String> where) {
        double[] theta = new double[params.length];
        for (int i = 0; i < params.length; i++) {
            theta[i] = params[i];
        }
        for (int i = 0; i < count; i++) {
            double keep = theta[i];
            theta[i] = keep + h;
            double up = loss.applyAsDouble(theta);
            theta[i] = keep - h;
            double down = loss.applyAsDouble(theta);
            theta[i] = keep;
            double numeric = (up - down) / (2 * h);
            double a = analytic[i];
            double abs = Math.abs(a - numeric);
            if (abs > absoluteFloor && abs / (Math.abs(a) + Math.abs(numeric)) > 1e-3) {
                throw new AssertionError("parameter " + i + " of " + where.get() + ": analytic " + a + ", numeric " + numeric);
            }
        }
    }
}
