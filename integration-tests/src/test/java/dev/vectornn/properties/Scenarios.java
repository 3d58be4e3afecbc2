package dev.vectornn.properties;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.ReferenceNetwork;
import dev.vectornn.testkit.ReferenceNetwork.LossKind;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generators of {@link Scenario}s. Every number comes from one bounded draw whose shrink point is
 * the simplest value (0 weights, one hidden layer, width 1, batch 1), so QuickTheories shrinks a
 * failure to a small network and batch.
 */
final class Scenarios {

    /** Draws are integers in ±{@value} scaled to ±1: three decimals, easy to read in a counterexample. */
    private static final int GRID = 1000;

    private Scenarios() {
    }

    /**
     * Networks of the iris shape 4 → 16 → 3 (half of the draws) or of 1 to 4 hidden layers of 1 to
     * 20 units on 1 to 6 inputs and up to 5 outputs; batches of 1 to 32; weights uniform with
     * variance 1/fan-in (so activations stay of order 1 through four layers), biases in ±0.5,
     * inputs in ±2 and targets that fit the loss. Biases shrink towards 0.05 (so a shrunk ReLU
     * network is not sitting on its kinks), everything else towards 0.
     */
    static Gen<Scenario> of(Backend backend, Combo combo) {
        return in -> {
            boolean iris = in.next(Constraint.between(0, 1)) == 1;
            int[] widths;
            if (iris) {
                widths = new int[] {4, 16, 3};
            } else {
                int hidden = (int) in.next(Constraint.between(1, 4));
                widths = new int[hidden + 2];
                widths[0] = (int) in.next(Constraint.between(1, 6));
                for (int l = 1; l <= hidden; l++) {
                    widths[l] = (int) in.next(Constraint.between(1, 20));
                }
                widths[hidden + 1] = (int) in.next(Constraint.between(combo.minOutputs(), 5));
            }
            int layers = widths.length - 1;
            Activation[] acts = new Activation[layers];
            java.util.Arrays.fill(acts, combo.hidden());
            acts[layers - 1] = combo.output();
            ReferenceNetwork net = new ReferenceNetwork(widths, acts, combo.loss());
            int batch = (int) in.next(Constraint.between(1, 32));
            return new Scenario(backend, net, parameters(in, net), matrix(in, batch, widths[0], 2),
                    targets(in, batch, widths[layers], combo));
        };
    }

    static float[] parameters(RandomnessSource in, ReferenceNetwork net) {
        float[] p = new float[net.parameterCount()];
        for (int l = 0; l < net.layers(); l++) {
            int fanIn = net.width(l);
            int kernel = fanIn * net.width(l + 1);
            double scale = Math.sqrt(3.0 / fanIn);
            for (int k = 0; k < kernel; k++) {
                p[net.offset(l) + k] = (float) (scale * unit(in));
            }
            for (int j = 0; j < net.width(l + 1); j++) {
                // Shrinks to 0.05, not 0: zero weights and zero biases would put every ReLU on its kink.
                p[net.offset(l) + kernel + j] = (float) (0.5 * in.next(Constraint.between(-GRID, GRID).withShrinkPoint(GRID / 10)) / GRID);
            }
        }
        return p;
    }

    static float[][] matrix(RandomnessSource in, int rows, int cols, double scale) {
        float[][] m = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = (float) (scale * unit(in));
            }
        }
        return m;
    }

    private static float[][] targets(RandomnessSource in, int rows, int cols, Combo combo) {
        LossKind loss = combo.loss();
        float[][] t = new float[rows][loss.targetWidth(cols)];
        for (int r = 0; r < rows; r++) {
            switch (loss) {
                case SPARSE_CATEGORICAL_CROSSENTROPY -> t[r][0] = in.next(Constraint.between(0, cols - 1));
                case CATEGORICAL_CROSSENTROPY -> {
                    // One-hot (the usual case) or a soft probability vector.
                    if (in.next(Constraint.between(0, 1)) == 0) {
                        t[r][(int) in.next(Constraint.between(0, cols - 1))] = 1f;
                    } else {
                        double sum = 0;
                        double[] w = new double[cols];
                        for (int j = 0; j < cols; j++) {
                            w[j] = 1 + in.next(Constraint.between(0, GRID));
                            sum += w[j];
                        }
                        for (int j = 0; j < cols; j++) {
                            t[r][j] = (float) (w[j] / sum);
                        }
                    }
                }
                default -> {
                    boolean probability = combo.output() != Activation.LINEAR || loss == LossKind.BINARY_CROSSENTROPY;
                    for (int j = 0; j < cols; j++) {
                        t[r][j] = probability ? in.next(Constraint.between(0, GRID)) / (float) GRID : (float) unit(in);
                    }
                }
            }
        }
        return t;
    }

    /** A value in [−1, 1] on a grid of 1/{@value GRID}, shrinking to 0. */
    static double unit(RandomnessSource in) {
        return in.next(Constraint.between(-GRID, GRID)) / (double) GRID;
    }
}
