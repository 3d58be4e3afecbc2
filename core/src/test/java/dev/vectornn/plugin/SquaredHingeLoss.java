package dev.vectornn.plugin;

import dev.vectornn.losses.Loss;
import dev.vectornn.spi.Kernels;

import java.util.List;

/**
 * A third-party-style loss, registered only through this test module's META-INF/services (under a
 * name of its own: core has its own {@code squared_hinge}).
 */
public final class SquaredHingeLoss implements Loss {
    @Override
    public String name() {
        return "test_squared_hinge";
    }

    @Override
    public List<String> aliases() {
        return List.of("test_sqhinge");
    }

    @Override
    public float compute(Kernels k, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double row = 0;
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                float m = Math.max(0f, 1f - t[tOff + i] * y[yOff + i]);
                row += m * m;
                if (grad != null) {
                    grad[gOff + i] = -2f * m * t[tOff + i] / (cols * rows);
                }
            }
            total += row / cols;
        }
        return (float) total;
    }
}
