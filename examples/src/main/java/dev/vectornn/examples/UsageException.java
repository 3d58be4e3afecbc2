package dev.vectornn.examples;

/**
 * A bad option value found while an example runs (an unknown loss name, a fraction out of range):
 * {@code ./run-example} prints its message on one line and exits with code 2, as for a value that
 * picocli itself rejects.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message should start with the option's name, e.g. {@code "--loss: Unknown loss 'x'"}. */
    public UsageException(String message) {
        super(message, null, false, false);
    }

    /** Checks that a fraction option lies strictly between 0 and 1 and returns it. */
    static double fraction(String option, double value) {
        if (!(value > 0 && value < 1)) {
            throw new UsageException(option + " must be between 0 and 1 (exclusive), got " + value);
        }
        return value;
    }

    /** Checks that a count option is at least {@code min} and returns it. */
    static int atLeast(String option, int min, int value) {
        if (value < min) {
            throw new UsageException(option + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /**
     * Runs {@code step}, which uses an option's value, and turns the library's rejection of that
     * value ({@link IllegalArgumentException}, e.g. an unknown name) into a {@code UsageException}
     * that names the option.
     */
    static <T> T forOption(String option, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }
}
