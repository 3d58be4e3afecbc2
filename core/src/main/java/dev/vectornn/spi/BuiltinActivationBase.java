package dev.vectornn.spi;

/**
 * What every built-in activation shares: its {@link BuiltinFunction}, which backends read to fuse
 * it, and a {@code toString} of its name and settings. Package-private, so that only the classes
 * here are built in: {@link Activation#isBuiltin} is an {@code instanceof} test on this class.
 */
abstract class BuiltinActivationBase implements Activation {

    private final BuiltinFunction function;

    BuiltinActivationBase(BuiltinFunction function) {
        this.function = function;
    }

    final BuiltinFunction function() {
        return function;
    }

    @Override
    public String toString() {
        return config().isEmpty() ? name() : name() + config();
    }
}
