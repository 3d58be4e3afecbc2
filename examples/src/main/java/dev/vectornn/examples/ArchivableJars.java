package dev.vectornn.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies of class-path jars whose classes predate Java 6, rewritten so that the JDK's
 * ahead-of-time cache can keep them: {@code ./run-example} runs this once, just before it makes
 * its start-up cache, and puts the copies on the class path in place of the originals while it
 * uses that cache.
 *
 * <p>Why: picocli 4.7 is compiled for Java 5 (class file version 49). JDK 25 leaves such "old"
 * classes out of an AOT cache once the training run has linked them ({@code -Xlog:aot} says
 * "Skipping picocli/...: Old class has been linked"; JDK-8317269 lifts this in a later JDK), so
 * every start read and verified picocli's ~170 classes again, with the old type-inferring
 * verifier: the largest part of the iris example's start-up after the JVM's own. The rewrite
 * re-emits each old class's bytecode unchanged as class file version {@value #VERSION} (Java 8),
 * adding the stack map frames that version requires (computed by {@code java.lang.classfile});
 * what the classes do does not change, and the cache can then keep them parsed and verified.
 *
 * <p>Usage: {@code ArchivableJars OUT_DIR JAR...}. Each jar with at least one old class is
 * written to {@code OUT_DIR} under its own file name; jars without old classes, signed jars
 * (whose signatures a rewrite would break) and jars whose old classes cannot be rewritten are
 * left alone. One line per jar rewritten or kept goes to standard output.
 */
final class ArchivableJars {

    /** The class file version the old classes are rewritten to: Java 8, the first without a fallback verifier. */
    static final int VERSION = ClassFile.JAVA_8_VERSION;

    /** Class files below this version (Java 6) carry no stack map frames: the JDK calls them "old". */
    private static final int FIRST_WITH_STACK_MAPS = ClassFile.JAVA_6_VERSION;

    private ArchivableJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ArchivableJars OUT_DIR JAR...");
            System.exit(ErrorHandlers.USAGE);
        }
        Path out = Path.of(args[0]);
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            jars.add(Path.of(args[i]));
        }
        for (Path jar : jars) {
            Path target = out.resolve(jar.getFileName());
            try {
                rewrite(jar, target, jars).ifPresent(n -> System.out.println(
                        "rewrote " + n + " old classes of " + jar.getFileName() + " as version " + VERSION + ": " + target));
            } catch (IllegalArgumentException e) {
                // That jar keeps its old classes (they are then simply not cached); the others are still rewritten.
                System.out.println("kept " + jar.getFileName() + " as it is: " + e.getMessage());
            }
        }
    }

    /**
     * Writes {@code target}, a copy of {@code jar} whose old classes are rewritten as version
     * {@value #VERSION}, if {@code jar} has any and is not signed.
     *
     * @param jar the jar to read
     * @param target where to write the copy (replaced atomically, so a running JVM never sees half a jar)
     * @param classPath the jars whose classes the stack map frames may name (the class hierarchy is
     *        read from them, then from the JDK)
     * @return the number of classes rewritten, or empty if {@code target} was not written
     * @throws IOException if a jar cannot be read or {@code target} cannot be written
     * @throws IllegalArgumentException if an old class cannot be rewritten (for instance, it uses
     *         {@code jsr}, which Java 8 class files may not)
     */
    static Optional<Integer> rewrite(Path jar, Path target, List<Path> classPath) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile());
             URLClassLoader hierarchy = new URLClassLoader(urls(classPath), ClassLoader.getPlatformClassLoader())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            if (entries.stream().anyMatch(ArchivableJars::isSignature)) {
                return Optional.empty();
            }
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.ofResourceParsing(hierarchy)
                            .orElse(ClassHierarchyResolver.defaultResolver())));
            // Every method body is re-emitted (not copied as it was), or the new class files
            // would keep code without the frames their version requires.
            ClassTransform upgrade = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen((builder, element) -> {
                        if (element instanceof ClassFileVersion) {
                            builder.withVersion(VERSION, 0);
                        } else {
                            builder.with(element);
                        }
                    });
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
            int rewritten = 0;
            try {
                try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream copy = new ZipOutputStream(file)) {
                    for (ZipEntry entry : entries) {
                        byte[] bytes = zip.getInputStream(entry).readAllBytes();
                        if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                            ClassModel model = classFile.parse(bytes);
                            if (model.majorVersion() < FIRST_WITH_STACK_MAPS) {
                                bytes = classFile.transformClass(model, upgrade);
                                rewritten++;
                            }
                        }
                        ZipEntry copied = new ZipEntry(entry.getName());
                        copied.setTime(entry.getTime());
                        copy.putNextEntry(copied);
                        copy.write(bytes);
                        copy.closeEntry();
                    }
                }
                if (rewritten == 0) {
                    return Optional.empty();
                }
                // A temporary file is readable by its owner only; the copy is as readable as the original.
                if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return Optional.of(rewritten);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static boolean isSignature(ZipEntry entry) {
        String name = entry.getName();
        return name.startsWith("META-INF/") && name.indexOf('/', "META-INF/".length()) < 0
                && (name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA") || name.endsWith(".EC"));
    }

    private static URL[] urls(List<Path> jars) {
        return jars.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toArray(URL[]::new);
    }
}
