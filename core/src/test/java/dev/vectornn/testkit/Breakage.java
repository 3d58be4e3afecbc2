package dev.vectornn.testkit;

/**
 * One deliberately wrong derivative, for showing that gradient properties can fail. Each breaks
 * exactly one thing in {@link BrokenKernels}; everything else is delegated to a real backend.
 */
public enum Breakage {
    /** Activation: the sigmoid derivative {@code y (1 − y)} scaled by 1.1. */
    SIGMOID_DERIVATIVE_TIMES_1_1,
    /** Activation: the tanh derivative taken as {@code 1 − |y|} instead of {@code 1 − y²}. */
    TANH_DERIVATIVE_ONE_MINUS_ABS,
    /** Activation: the ReLU derivative taken as 1 everywhere (the mask forgotten). */
    RELU_DERIVATIVE_IGNORES_MASK,
    /** Softmax: the Jacobian-vector product replaced by its diagonal, {@code y (1 − y) dy}. */
    SOFTMAX_JACOBIAN_DIAGONAL_ONLY,
    /** Loss: the sign of the mean-squared-error gradient flipped. */
    MSE_GRADIENT_SIGN_FLIPPED,
    /** Loss: the factor 2 of the mean-squared-error gradient forgotten. */
    MSE_GRADIENT_WITHOUT_FACTOR_2,
    /** Loss: the fused categorical cross-entropy gradient not divided by the batch size. */
    CATEGORICAL_CROSSENTROPY_NOT_BATCH_MEAN,
    /** Loss: the fused sparse categorical cross-entropy gradient given to the next class. */
    SPARSE_CATEGORICAL_CROSSENTROPY_WRONG_CLASS,
    /** Loss: the sign of the fused binary cross-entropy gradient flipped. */
    BINARY_CROSSENTROPY_GRADIENT_SIGN_FLIPPED,
    /** Dense backward: {@code dx} scaled by 0.5. */
    DENSE_DX_HALVED,
    /** Dense backward: {@code db} not accumulated. */
    DENSE_DB_SKIPPED,
    /** Dense backward: the last row of the batch left out of {@code dW}. */
    DENSE_DW_DROPS_LAST_ROW
}
