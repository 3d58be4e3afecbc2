package dev.vectornn;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Core's package structure: no package depends on itself through others (as {@code jdeps} reads
 * the compiled classes), and the module exports only the API and SPI packages, its internals only
 * to Spark. About two seconds, most of it {@code jdeps}.
 */
class PackageStructureTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void corePackagesFormNoCycle() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElse(null);
        assumeTrue(jdeps != null, "this JDK has no jdeps tool; the package cycle check cannot run");
        String jackson = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> p.contains("jackson-core")).findFirst().orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--multi-release", String.valueOf(Runtime.version().feature()),
                "--module-path", jackson, "-verbose:package", "-e", "dev\\.vectornn\\..*", CLASSES.toString());
        assertEquals(0, rc, out.toString());
        Map<String, Set<String>> uses = new HashMap<>();
        for (String line : out.toString().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && !f[0].equals(f[2])) {
                uses.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[2]);
            }
        }
        assertTrue(uses.size() > 5, "jdeps reported the packages' dependencies: " + out);
        for (String start : uses.keySet()) {
            List<String> cycle = cycleThrough(start, uses);
            assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle));
        }
    }

    /** A path start → ... → start, or empty if there is none. */
    private static List<String> cycleThrough(String start, Map<String, Set<String>> uses) {
        List<String> path = new ArrayList<>();
        path.add(start);
        return search(start, start, uses, path, new HashSet<>()) ? path : List.of();
    }

    private static boolean search(String at, String start, Map<String, Set<String>> uses, List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            path.add(next);
            if (next.equals(start) || (seen.add(next) && search(next, start, uses, path, seen))) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    @Test
    void onlyTheApiAndSpiPackagesAreExportedAndTheInternalsOnlyToSpark() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        Set<String> open = new TreeSet<>();
        Map<String, Set<String>> qualified = new HashMap<>();
        for (ModuleDescriptor.Exports e : module.exports()) {
            if (e.isQualified()) {
                qualified.put(e.source(), e.targets());
            } else {
                open.add(e.source());
            }
        }
        assertEquals(new TreeSet<>(List.of("dev.vectornn", "dev.vectornn.spi", "dev.vectornn.backend", "dev.vectornn.layers",
                "dev.vectornn.losses", "dev.vectornn.optimizers", "dev.vectornn.metrics", "dev.vectornn.models",
                "dev.vectornn.data", "dev.vectornn.io", "dev.vectornn.optimizers.schedules")), open, "packages exported to everyone");
        assertEquals(Map.of("dev.vectornn.internal", Set.of("dev.vectornn.spark")), qualified, "qualified exports");
        assertTrue(module.packages().contains("dev.vectornn.internal.files"), "the file hook's package exists, unexported");
    }
}
