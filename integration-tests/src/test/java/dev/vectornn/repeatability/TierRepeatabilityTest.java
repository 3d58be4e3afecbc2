package dev.vectornn.repeatability;

import dev.vectornn.backend.Backends;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Same seed, same backend, bitwise the same model, whatever the JIT tier the kernels run in.
 * A fresh child JVM trains once cold (kernels interpreted) and once after a warm-up that makes
 * C2 compile them; this JVM, warm from the rest of the suite, trains a third time. All three
 * must agree on every bit of the weights and predictions. Before the SIMD backend had its own
 * horizontal sums and exp/tanh, the cold and warm runs differed (Vector API's reduceLanes and
 * lanewise EXP/TANH give other bits interpreted than compiled).
 *
 * <p>Runs under whichever backend the execution selects; flags such as {@code -XX:UseAVX} are
 * passed on to the child. Budget: about 10 s.
 */
class TierRepeatabilityTest {

    @Test
    void coldWarmAndOtherJvmRunsGiveTheSameBits() throws Exception {
        List<String> lines = runChild();
        String cold = value(lines, "cold");
        String warm = value(lines, "warm");
        assertEquals("0", value(lines, "differing"), "values that differ between the cold and warm run in one JVM "
                + "(backend " + Backends.current().name() + ")");
        assertEquals(cold, warm, "digest of the cold and warm runs");
        assertEquals(cold, RepeatableRun.digest(RepeatableRun.train()), "digest of the child JVM's and this JVM's runs");
    }

    private static String value(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key + " ")) {
                return line.substring(key.length() + 1);
            }
        }
        throw new AssertionError("the child JVM printed no '" + key + "' line: " + lines);
    }

    private static List<String> runChild() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // The ISA class and module flags this suite runs with; no agents or debug ports.
            if (arg.startsWith("-XX:UseAVX") || arg.startsWith("-XX:-Use") || arg.startsWith("-XX:+Use")
                    || arg.startsWith("-Dvectornn.")) {
                cmd.add(arg);
            }
        }
        cmd.add("--add-modules=jdk.incubator.vector");
        cmd.add("-Dvectornn.backend=" + Backends.current().name());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(RepeatableRun.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, p.exitValue(), "child JVM " + cmd + " failed:\n" + out);
        return out.lines().toList();
    }
}
