package dev.vectornn.io;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A save onto a really full file system: a 1 MiB tmpfs, where the OS lets the test mount one
 * (Linux, as root); elsewhere it is skipped with a message. The error names the target, the
 * previous file is untouched and no temporary file stays. Budget: well under a second.
 */
class FullDiskTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskKeepsThePreviousFileAndNamesTheTarget() throws Exception {
        Fixtures.onceNotPerBackend();
        Path mount = dir.resolve("tiny");
        Files.createDirectory(mount);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()),
                "cannot mount a small tmpfs here (needs Linux and root), so no real full disk to test against");
        try {
            Path target = mount.resolve("model.safetensors");
            Sequential small = new Sequential(new Dense(3).inputDim(4));
            small.compile("mse", new Adam());
            small.save(target);
            byte[] before = Files.readAllBytes(target);

            Sequential big = new Sequential(new Dense(500).inputDim(500)); // 3 MB with Adam's slots: does not fit
            big.compile("mse", new Adam());
            IOException e = assertThrows(IOException.class, () -> big.save(target));
            assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(target));
            try (Stream<Path> s = Files.list(mount)) {
                assertEquals(List.of(target), s.toList(), "no temporary file stays");
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false; // no such command
        }
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
