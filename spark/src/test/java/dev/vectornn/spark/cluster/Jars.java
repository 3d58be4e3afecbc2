package dev.vectornn.spark.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The jar a class was loaded from, made on the spot when it was loaded from a classes directory. */
final class Jars {

    private Jars() {
    }

    /**
     * The jar that holds {@code type}: its own jar, or, when the build has not packaged it yet
     * (a {@code target/classes} directory), a jar of that directory written into {@code scratch}.
     */
    static Path of(Class<?> type, Path scratch) throws IOException {
        Path location;
        try {
            location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot tell where " + type.getName() + " was loaded from", e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = scratch.resolve(type.getSimpleName() + "-classes.jar");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(location)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Path f : files) {
                jarOut.putNextEntry(new JarEntry(location.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, jarOut);
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
