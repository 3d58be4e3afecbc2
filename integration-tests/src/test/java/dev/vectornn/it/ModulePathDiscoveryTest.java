package dev.vectornn.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ServiceLoader finds the backends on the module path too: a child JVM runs core's
 * {@code VectorNN.main} with only {@code --module-path} (the compiled modules, as exploded
 * directories) and no class path, and reports what it found.
 */
class ModulePathDiscoveryTest {

    private static Path module(String dir) {
        Path p = Path.of("..", dir, "target", "classes").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p.resolve("module-info.class")), "compiled module at " + p);
        return p;
    }

    /** Core's one dependency, taken from this test's own class path. */
    private static String jackson() {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("jackson-core")) {
                return entry;
            }
        }
        throw new AssertionError("jackson-core is not on the test class path");
    }

    private static String run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void scalarBackendAndBuiltInsAreFoundOnTheModulePath() throws Exception {
        String mp = module("core") + java.io.File.pathSeparator + module("backend-scalar")
                + java.io.File.pathSeparator + jackson();
        String out = run(List.of("--module-path", mp, "--add-modules", "ALL-MODULE-PATH",
                "-Dvectornn.backend=scalar", "-m", "dev.vectornn.core/dev.vectornn.VectorNN"));
        assertTrue(out.contains("scalar  priority 0  available  from dev.vectornn.backend.scalar.ScalarBackend"), out);
        assertTrue(out.contains("selected: scalar"), out);
        assertTrue(out.contains("mean_squared_error") && out.contains("dense from"), out);
    }

    @Test
    void simdBackendIsFoundOnTheModulePathAndResolvesTheIncubatorModuleByItself() throws Exception {
        String mp = module("core") + java.io.File.pathSeparator + module("backend-scalar")
                + java.io.File.pathSeparator + module("backend-simd") + java.io.File.pathSeparator + jackson();
        // No --add-modules jdk.incubator.vector: `requires jdk.incubator.vector` resolves it on the module path.
        String out = run(List.of("--module-path", mp, "--add-modules", "ALL-MODULE-PATH",
                "-m", "dev.vectornn.core/dev.vectornn.VectorNN"));
        assertTrue(out.contains("simd  priority 100"), out);
        assertTrue(out.contains("scalar  priority 0  available"), out);
    }
}
