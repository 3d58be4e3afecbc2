package dev.vectornn.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.lang.classfile.ClassFile;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchivableJarsTest {

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * The rewritten picocli has the same entries, every class at version 52, and each class
     * passes the verifier (a class loaded by a URLClassLoader is verified when it is initialised),
     * which checks the stack map frames the rewrite had to add.
     */
    @Test
    void picocliIsRewrittenAsJava8ClassesThatVerify(@TempDir Path dir) throws Exception {
        Path picocli = jarOf(CommandLine.class);
        Path copy = dir.resolve(picocli.getFileName());
        Optional<Integer> rewritten = ArchivableJars.rewrite(picocli, copy, List.of(picocli));
        assertTrue(rewritten.orElse(0) > 100, "picocli 4.7 has over 200 Java 5 classes, rewrote " + rewritten);
        if (Files.getFileStore(copy).supportsFileAttributeView(PosixFileAttributeView.class)) {
            assertEquals(Files.getPosixFilePermissions(picocli), Files.getPosixFilePermissions(copy));
        }

        try (ZipFile original = new ZipFile(picocli.toFile()); ZipFile rewrittenJar = new ZipFile(copy.toFile());
             URLClassLoader loader = new URLClassLoader(new URL[] {copy.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            assertEquals(names(original), names(rewrittenJar));
            int classes = 0;
            for (ZipEntry entry : Collections.list(rewrittenJar.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                byte[] bytes = rewrittenJar.getInputStream(entry).readAllBytes();
                assertEquals(ArchivableJars.VERSION, ClassFile.of().parse(bytes).majorVersion(), name);
                Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), true, loader);
                classes++;
            }
            assertEquals(rewritten.get(), classes);
        }
    }

    /** A jar that already has stack map frames everywhere (JUnit's, Java 8) is not copied. */
    @Test
    void aModernJarIsLeftAlone(@TempDir Path dir) throws Exception {
        Path junit = jarOf(Test.class);
        Path copy = dir.resolve(junit.getFileName());
        assertEquals(Optional.empty(), ArchivableJars.rewrite(junit, copy, List.of(junit)));
        assertFalse(Files.exists(copy));
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary file is left behind");
        }
    }

    private static List<String> names(ZipFile zip) {
        return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
    }
}
