package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The activation a matrix product applies to its result while that is still in L1: the fused
 * dense forward's last step, for the packed GEMM's tiles ({@link MicroKernel}) and the row kernel's
 * rows ({@link RowKernel}). {@code act} is {@link MicroKernel#ACT_NONE} (linear) or an
 * element-wise built-in this backend vectorises ({@link BuiltinActivation}); its settings are read
 * from its {@link dev.vectornn.spi.BuiltinFunction}, once per tile, without allocating.
 */
final class Epilogue {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;

    private Epilogue() {
    }

    /** Applies {@code act} to the {@code rows × 2L} tile at {@code c[ci ..]} (leading dimension {@code ldc}). */
    static void tile(float[] c, int ci, int ldc, int rows, Activation act, float[] tmp) {
        if (!Lanes.FULL_OPS) {
            for (int r = 0, at = ci; r < rows; r++, at += ldc) {
                act.forward(1, 2 * L, c, at, c, at);
            }
            return;
        }
        BuiltinActivation kind = BuiltinActivation.of(act);
        var f = Activation.builtinFunction(act);
        for (int r = 0, at = ci; r < rows; r++, at += ldc) {
            // relu, sigmoid and tanh straight to their code, as before issue #14: the shared
            // dispatch is for the others.
            switch (kind) {
                case RELU -> {
                    FloatVector.fromArray(F, c, at).max(0f).intoArray(c, at);
                    FloatVector.fromArray(F, c, at + L).max(0f).intoArray(c, at + L);
                }
                case SIGMOID -> {
                    VectorMath.sigmoid(c, at, c, at, tmp);
                    VectorMath.sigmoid(c, at + L, c, at + L, tmp);
                }
                case TANH -> {
                    VectorMath.tanh(c, at, c, at, tmp);
                    VectorMath.tanh(c, at + L, c, at + L, tmp);
                }
                default -> {
                    ActivationVectors.forward(kind, f, c, at, c, at, tmp);
                    ActivationVectors.forward(kind, f, c, at + L, c, at + L, tmp);
                }
            }
        }
    }

    /** Applies {@code act} to the {@code n} elements at {@code c[ci ..]}: whole vectors, then the reference for the tail. */
    static void row(float[] c, int ci, int n, Activation act, float[] tmp) {
        int bound = Lanes.vectorBound(n);
        if (bound > 0) {
            BuiltinActivation kind = BuiltinActivation.of(act);
            var f = Activation.builtinFunction(act);
            for (int j = 0; j < bound; j += L) {
                switch (kind) {
                    case RELU -> FloatVector.fromArray(F, c, ci + j).max(0f).intoArray(c, ci + j);
                    case SIGMOID -> VectorMath.sigmoid(c, ci + j, c, ci + j, tmp);
                    case TANH -> VectorMath.tanh(c, ci + j, c, ci + j, tmp);
                    default -> ActivationVectors.forward(kind, f, c, ci + j, c, ci + j, tmp);
                }
            }
        }
        act.forward(1, n - bound, c, ci + bound, c, ci + bound);
    }
}
