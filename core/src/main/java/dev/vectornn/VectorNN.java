package dev.vectornn;

import dev.vectornn.backend.Backends;
import dev.vectornn.layers.Layers;
import dev.vectornn.losses.Losses;
import dev.vectornn.metrics.Metrics;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.spi.Backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

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
     * Prints {@link #describe()}: {@code java -p <jars> -m dev.vectornn.core/dev.vectornn.VectorNN} (or {@code -cp ...
     * dev.vectornn.VectorNN}) shows what this installation finds.
     */
    public static void main(String[] args) {
        System.out.println(describe());
    }

    /**
     * The version of vectornn core in use, such as {@code "0.1.0"} or {@code "0.2.0-SNAPSHOT"}:
     * the Maven project version, written into the jar by the build. It is the same on the class
     * path and on the module path (it does not rely on the jar manifest, which a named module's
     * {@link Package} does not read).
     *
     * @return the version, never null
     * @throws IllegalStateException if the jar lacks its version resource (a broken repackaging)
     */
    public static String version() {
        String v = version;
        if (v == null) {
            v = readVersion();
            version = v;
        }
        return v;
    }

    /** Read on first use, not in a static initialiser, so a broken jar fails with a plain message. */
    private static volatile String version;

    private static String readVersion() {
        try (InputStream in = VectorNN.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/vectornn/version.properties is missing from vectornn-core's jar");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("dev/vectornn/version.properties in vectornn-core holds no version: '"
                        + v + "' (the build filters it)");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading dev/vectornn/version.properties failed", e);
        }
    }

    /** The backend in use; see {@link Backends}. */
    public static Backend backend() {
        return Backends.current();
    }

    /**
     * A report of the version, every provider found for each SPI (backends with their priority and whether
     * they can run here, and why not; layer types; losses; optimizers; metrics; learning-rate schedules) and the
     * JVM it runs on.
     * Print it when something is off.
     */
    public static String describe() {
        return "vectornn " + version() + " on Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " processors)\n"
                + Backends.describe() + "\n"
                + Layers.describe() + "\n"
                + Losses.describe() + "\n"
                + Optimizers.describe() + "\n"
                + Metrics.describe() + "\n"
                + dev.vectornn.optimizers.schedules.LearningRateSchedules.describe();
    }
}
