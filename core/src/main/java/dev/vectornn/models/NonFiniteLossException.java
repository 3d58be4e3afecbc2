package dev.vectornn.models;

/** Thrown when the training loss becomes NaN or infinite: training has diverged and stops. */
public final class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public NonFiniteLossException(String message) {
        super(message);
    }
}
