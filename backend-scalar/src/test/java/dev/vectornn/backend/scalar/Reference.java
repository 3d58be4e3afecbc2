package dev.vectornn.backend.scalar;

import dev.vectornn.spi.Activation;

/** Activation functions and their derivatives written from their definitions, in double. */
final class Reference {
    private Reference() {
    }

    static double[] activate(Activation act, double[] z, int rows, int cols) {
        double[] y = new double[z.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, z[r * cols + j]);
            }
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(z[r * cols + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                double v = z[r * cols + j];
                y[r * cols + j] = switch (act.name()) {
                    case "linear" -> v;
                    case "relu" -> Math.max(0, v);
                    case "sigmoid" -> 1 / (1 + Math.exp(-v));
                    case "tanh" -> Math.tanh(v);
                    case "softmax" -> Math.exp(v - max) / sum;
                    default -> throw new IllegalArgumentException("no reference formula for " + act);
                };
            }
        }
        return y;
    }

    /** dZ = J(y)ᵀ dY, where J is the Jacobian of the activation at the point whose output is y. */
    static double[] derivative(Activation act, float[] y, float[] dy, int rows, int cols) {
        double[] dz = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < cols; i++) {
                int idx = r * cols + i;
                double yi = y[idx];
                dz[idx] = switch (act.name()) {
                    case "linear" -> dy[idx];
                    case "relu" -> yi > 0 ? dy[idx] : 0;
                    case "sigmoid" -> dy[idx] * yi * (1 - yi);
                    case "tanh" -> dy[idx] * (1 - yi * yi);
                    case "softmax" -> {
                        // Σ_j ∂y_j/∂z_i dy_j with ∂y_j/∂z_i = y_j (δ_ij − y_i)
                        double s = 0;
                        for (int j = 0; j < cols; j++) {
                            double yj = y[r * cols + j];
                            s += yj * ((i == j ? 1 : 0) - yi) * dy[r * cols + j];
                        }
                        yield s;
                    }
                    default -> throw new IllegalArgumentException("no reference formula for " + act);
                };
            }
        }
        return dz;
    }
}
