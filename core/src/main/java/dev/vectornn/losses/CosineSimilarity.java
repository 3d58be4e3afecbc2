package dev.vectornn.losses;

import dev.vectornn.spi.ConfigMap;
import dev.vectornn.spi.Kernels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' {@code cosine_similarity} loss: per sample {@code −Σ t̂ · ŷ}, where {@code x̂ = x / max(‖x‖, ε)}
 * with {@code ε = 1e-7} (as {@code keras.ops.normalize} floors the norm). It is −1 when output and
 * target point the same way, 1 when opposite, 0 when orthogonal or when either is zero.
 *
 * <p>Keras' {@code axis} (default −1) is accepted only as the last axis, the only one a row of
 * outputs has; it is saved so that a Keras-style config round-trips.
 */
public final class CosineSimilarity implements Loss {
    static final double EPSILON = 1e-7;

    @Override
    public String name() {
        return "cosine_similarity";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", -1);
        return c;
    }

    @Override
    public Loss withConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("cosine_similarity config", config).checkKeys("axis");
        int axis = c.getInt("axis", -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (axis != -1) {
            throw c.error("axis", "is " + axis + ", but only the last axis (-1) is supported: a row of outputs has no other");
        }
        return this;
    }

    @Override
    public float compute(Kernels kernels, int rows, int cols, float[] y, int yOff, float[] t, int tOff,
                         float[] grad, int gOff, boolean fused) {
        double invRows = 1.0 / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols;
            int tr = tOff + r * cols;
            double yy = 0;
            double tt = 0;
            double ty = 0;
            for (int j = 0; j < cols; j++) {
                double yj = y[yr + j];
                double tj = t[tr + j];
                yy += yj * yj;
                tt += tj * tj;
                ty += tj * yj;
            }
            double yNorm = Math.max(Math.sqrt(yy), EPSILON);
            double tNorm = Math.max(Math.sqrt(tt), EPSILON);
            double cos = ty / (yNorm * tNorm);
            total -= cos;
            if (grad != null) {
                // d(−t̂·y/‖y‖)/dy = −(t̂ − cos · ŷ)/‖y‖; with the norm floored, ‖y‖ is a constant.
                boolean floored = Math.sqrt(yy) <= EPSILON;
                for (int j = 0; j < cols; j++) {
                    double g = floored ? -t[tr + j] / tNorm / yNorm
                            : -(t[tr + j] / tNorm - cos * y[yr + j] / yNorm) / yNorm;
                    grad[gOff + r * cols + j] = (float) (g * invRows);
                }
            }
        }
        return (float) total;
    }
}
