package dev.vectornn.spi;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The element-wise (or, for {@link #SOFTMAX}, row-wise) functions that kernels apply after a
 * matrix multiply.
 *
 * <p>Every derivative here can be computed from the activation's <em>output</em> alone, which is
 * why the dense backward kernel takes the saved output rather than the pre-activation: the
 * forward pass keeps one buffer per layer instead of two.
 *
 * <ul>
 *   <li>{@code LINEAR}: {@code y = z}, {@code y' = 1}</li>
 *   <li>{@code RELU}: {@code y = max(0, z)}, {@code y' = y > 0 ? 1 : 0}</li>
 *   <li>{@code SIGMOID}: {@code y = 1 / (1 + e^-z)}, {@code y' = y (1 - y)}</li>
 *   <li>{@code TANH}: {@code y = tanh z}, {@code y' = 1 - y²}</li>
 *   <li>{@code SOFTMAX}: {@code y_i = e^(z_i - max z) / Σ_j e^(z_j - max z)} over a row; its
 *       Jacobian-vector product is {@code dz_i = y_i (dy_i - Σ_j dy_j y_j)}</li>
 * </ul>
 */
public enum Activation {
    LINEAR, RELU, SIGMOID, TANH, SOFTMAX;

    /** The Keras name of this activation, e.g. {@code "relu"}. */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks an activation up by its Keras name ({@code "relu"}, {@code "sigmoid"}, {@code "tanh"},
     * {@code "softmax"}, {@code "linear"}); {@code null} or {@code "none"} mean linear.
     *
     * @throws IllegalArgumentException naming the known activations if {@code name} is none of them
     */
    public static Activation byName(String name) {
        if (name == null || name.equalsIgnoreCase("none")) {
            return LINEAR;
        }
        for (Activation a : values()) {
            if (a.kerasName().equalsIgnoreCase(name.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown activation '" + name + "'. Known activations: "
                + Arrays.stream(values()).map(Activation::kerasName).collect(Collectors.joining(", ")));
    }
}
