package dev.vectornn.examples;

import dev.vectornn.VectorNN;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code --version}: vectornn's version, from core's jar manifest ({@code Implementation-Version})
 * or, where the manifest lacks it, from the {@code pom.properties} Maven puts in every jar.
 */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"vectornn " + version() + " (Java " + Runtime.version() + ")"};
    }

    /** The version of the vectornn-core on the class or module path, or "unknown" if nothing says it. */
    static String version() {
        String fromManifest = VectorNN.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        try (InputStream in = VectorNN.class.getResourceAsStream("/META-INF/maven/dev.vectornn/vectornn-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // Unreadable: say so below rather than fail --version.
        }
        return "unknown (not run from vectornn's jars)";
    }
}
