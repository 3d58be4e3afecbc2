package dev.vectornn.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectornn.backend.Backends;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether the SIMD backend is chosen, or skipped with a reason and the fix, in fresh JVMs started
 * with the same java and class path as this test but different flags.
 */
class AvailabilityTest {

    @Test
    void withoutTheIncubatorModuleItIsSkippedNamingTheFlagAndScalarIsUsed() throws Exception {
        String out = runChild(List.of());
        assertTrue(out.contains("simd  priority 100  unavailable"), out);
        assertTrue(out.contains("--add-modules jdk.incubator.vector"), out);
        assertTrue(out.contains("selected: scalar"), out);
    }

    @Test
    void withTheModuleItIsSelectedByPriority() throws Exception {
        String out = runChild(List.of("--add-modules", "jdk.incubator.vector"));
        assertTrue(out.contains("selected: simd"), out);
        assertTrue(out.contains("FMA"), out);
    }

    @Test
    void withoutC2ItIsSkipped() throws Exception {
        String out = runChild(List.of("--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1"));
        assertTrue(out.contains("TieredStopAtLevel=1"), out);
        assertTrue(out.contains("selected: scalar"), out);
    }

    @Test
    void aBadTuningPropertyMakesItUnavailableWithTheReason() throws Exception {
        String out = runChild(List.of("--add-modules", "jdk.incubator.vector", "-Dvectornn.simd.kc=lots"));
        assertTrue(out.contains("vectornn.simd.kc=lots is not a whole number"), out);
        assertTrue(out.contains("selected: scalar"), out);
    }

    @Test
    void inThisJvmItIsAvailableAndDescribesItself() {
        assertTrue(Backends.named("simd").availability().available());
        String d = Backends.named("simd").describe();
        assertTrue(d.matches("simd: Java Vector API, \\d+-bit vectors .*FMA (yes|no), \\d+ threads?.*"), d);
        String bits = System.getProperty("vectornn.simd.bits");
        if (bits != null) {
            assertTrue(d.contains(bits + "-bit"), "requested " + bits + " bits: " + d);
        }
    }

    private static String runChild(List<String> jvmFlags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PrintBackends.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("VECTORNN_BACKEND"); // selection by priority, whatever the caller's environment
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
