package dev.vectornn.backend.simd;

import dev.vectornn.spi.Activation;
import dev.vectornn.spi.BuiltinFunction;

import java.util.List;
import java.util.Map;

/**
 * How far the SIMD backend's activations may be from the reference's, for every element-wise
 * built-in (issue #14), and the activations the equivalence tests run.
 *
 * <p>An error {@code e} in the pre-activation moves the output by at most {@code L·e}, {@code L}
 * the function's Lipschitz constant (1 for relu, tanh, sigmoid; the slope or alpha where larger;
 * SELU's {@code scale·alpha} ≈ 1.76; GELU's 1.13 and SiLU's 1.10, taken as 1.2; e^z for exponential,
 * taken as the output times 1.5). The piecewise-linear functions then round like the reference
 * (a couple of ulp, {@link Tolerance#elementwise}); the transcendental ones evaluate their argument
 * in float before the vector exp, so their relative error grows with it: at most
 * {@code 8u·(2 + z²)} relative, which is about 3 ulp at |z| = 1 and leaves room at the tails.
 */
final class ActivationTolerance {

    private ActivationTolerance() {
    }

    /** Every element-wise built-in, default and configured, that the model passes to the fused kernels. */
    static final List<Activation> FUSED = List.of(Activation.LINEAR, Activation.RELU, Activation.SIGMOID,
            Activation.TANH, Activation.SOFTMAX, Activation.LEAKY_RELU, Activation.ELU, Activation.SELU,
            Activation.SOFTPLUS, Activation.SOFTSIGN, Activation.HARD_SIGMOID, Activation.EXPONENTIAL,
            configured("relu", Map.of("max_value", 6)), configured("relu", Map.of("negative_slope", 0.1, "max_value", 2.5)),
            configured("leaky_relu", Map.of("negative_slope", 1.5)), configured("elu", Map.of("alpha", 0.5)));

    /**
     * Those whose derivative needs the input: the model runs them in the element-wise kernels
     * (the dense kernels' epilogue applies their forward only when called with them directly).
     */
    static final List<Activation> FROM_INPUT = List.of(Activation.GELU, configured("gelu", Map.of("approximate", true)),
            Activation.SILU);

    static Activation configured(String name, Map<String, Object> config) {
        return Activation.fromConfig(Map.of("name", name, "config", config));
    }

    /** The Lipschitz constant of {@code act} where it is finite; exponential's is handled in {@link #of}. */
    static double lipschitz(Activation act) {
        BuiltinFunction f = Activation.builtinFunction(act);
        return switch (f.kind()) {
            case RELU, LEAKY_RELU -> Math.max(1, Math.abs(f.negativeSlope()));
            case ELU -> Math.max(1, Math.abs(f.alpha()));
            case SELU -> BuiltinFunction.SELU_SCALE * BuiltinFunction.SELU_ALPHA;
            case GELU, SILU -> 1.2;
            default -> 1;
        };
    }

    /** True for the kinds computed with vector exp/log/tanh. */
    static boolean transcendental(Activation act) {
        return switch (Activation.builtinFunction(act).kind()) {
            case SIGMOID, TANH, ELU, SELU, GELU, SILU, SOFTPLUS, EXPONENTIAL -> true;
            default -> false;
        };
    }

    /**
     * The allowed difference of an output {@code ref} at pre-activation {@code z} whose own error
     * bound is {@code zError} (0 for the element-wise kernels).
     */
    static double of(Activation act, double z, double ref, double zError) {
        double carried = Activation.builtinFunction(act).kind() == BuiltinFunction.Kind.EXPONENTIAL
                ? 1.5 * Math.abs(ref) * zError : lipschitz(act) * zError;
        double own = transcendental(act) ? 8 * Tolerance.U * Math.abs(ref) * (2 + z * z) : 0;
        return carried + own + Tolerance.elementwise(ref);
    }
}
