package dev.vectornn.io;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Files.writeString(target, "old");
        AtomicFiles.write(target, out -> out.write(ByteBuffer.wrap("new content".getBytes(StandardCharsets.UTF_8))));
        assertEquals("new content", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void createsAFileThatDidNotExist() throws IOException {
        Path target = dir.resolve("fresh.bin");
        AtomicFiles.write(target, out -> out.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertEquals(3, Files.size(target));
    }

    @Test
    void theFileGetsTheUsualPermissionsNotOwnerOnly() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path plain = dir.resolve("plain.bin");
        Files.write(plain, new byte[1]);
        Path target = dir.resolve("model.bin");
        AtomicFiles.write(target, out -> out.write(ByteBuffer.wrap(new byte[1])));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }

    @Test
    void aFailureMidwayKeepsThePreviousFileAndRemovesTheTemporaryOne() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Files.writeString(target, "previous");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            ByteBuffer b = ByteBuffer.wrap(new byte[1 << 16]);
            while (true) {
                out.write(b.rewind());
            }
        }, failingAfter(100_000)));
        assertEquals("No space left on device (simulated)", e.getMessage());
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void anUncheckedFailureAlsoCleansUp() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Files.writeString(target, "previous");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(ByteBuffer.wrap(new byte[10]));
            throw new IllegalStateException("a layer failed");
        }));
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aMissingFolderOrAFolderAsTargetIsAnIOException() {
        assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("no/such/model.bin"), out -> { }));
        assertThrows(IOException.class, () -> AtomicFiles.write(dir, out -> { }));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** A channel that accepts {@code limit} bytes and then fails as a full disk does. */
    static java.util.function.UnaryOperator<WritableByteChannel> failingAfter(long limit) {
        return inner -> new WritableByteChannel() {
            long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written + src.remaining() > limit) {
                    throw new IOException("No space left on device (simulated)");
                }
                int n = inner.write(src);
                written += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return inner.isOpen();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }
}
