package dev.vectornn;

import dev.vectornn.backend.Backends;
import dev.vectornn.layers.Layers;
import dev.vectornn.losses.Losses;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.spi.Backend;

/**
 * Entry points for questions about the installation rather than about a model.
 *
 * <pre>{@code
 * System.out.println(VectorNN.describe());   // every provider of every SPI, and the chosen backend
 * }</pre>
 */
public final class VectorNN {

    private VectorNN() {
    }

    /**
     * Prints {@link #describe()}: {@code java -p <jars> -m dev.vectornn.core} (or {@code -cp ...
     * dev.vectornn.VectorNN}) shows what this installation finds.
     */
    public static void main(String[] args) {
        System.out.println(describe());
    }

    /** The backend in use; see {@link Backends}. */
    public static Backend backend() {
        return Backends.current();
    }

    /**
     * A report of every provider found for each SPI (backends with their priority and whether
     * they can run here, and why not; layer types; losses; optimizers) and the JVM it runs on.
     * Print it when something is off.
     */
    public static String describe() {
        return "vectornn on Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " processors)\n"
                + Backends.describe() + "\n"
                + Layers.describe() + "\n"
                + Losses.describe() + "\n"
                + Optimizers.describe();
    }
}
