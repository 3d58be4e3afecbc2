package dev.vectornn.losses;

import dev.vectornn.spi.Kernels;

import java.util.List;

/**
 * Mean squared error, {@code (1/n) Σ (y − t)²} per sample. Never fused: after a softmax the
 * gradient flows through the full softmax Jacobian, exactly as in the lecture's Keras program.
 */
public final class MeanSquaredError implements Loss {
    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("mse");
    }

    @Override
    public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        return k.meanSquaredError(rows, cols, y, yOff, t, tOff, grad, gOff);
    }
}
