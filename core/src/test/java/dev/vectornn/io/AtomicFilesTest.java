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
        assertEquals(target + ": writing failed: No space left on device (simulated)", e.getMessage());
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

    @Test
    void keepsTheTargetsPermissions() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path target = dir.resolve("secret.bin");
        Files.write(target, new byte[1]);
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(target, out -> out.write(ByteBuffer.wrap(new byte[2])));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(2, Files.size(target));
    }

    @Test
    void writesThroughASymbolicLinkToTheFileItPointsTo() throws IOException {
        Path real = dir.resolve("real.bin");
        Files.write(real, new byte[1]);
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link.bin"), Path.of("real.bin"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("cannot create symbolic links here: " + e);
            return;
        }
        AtomicFiles.write(link, out -> out.write(ByteBuffer.wrap(new byte[3])));
        org.junit.jupiter.api.Assertions.assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals(3, Files.size(real));
        assertEquals(2, files().size());
    }

    @Test
    void aNameOf255BytesStillSaves() throws IOException {
        Path target = dir.resolve("é".repeat(100) + "x".repeat(55)); // 255 bytes in UTF-8
        AtomicFiles.write(target, out -> out.write(ByteBuffer.wrap(new byte[1])));
        assertEquals(1, Files.size(target));
        String temp = AtomicFiles.tempName(target.getFileName().toString());
        org.junit.jupiter.api.Assertions.assertTrue(temp.getBytes(StandardCharsets.UTF_8).length <= 255, temp);
        org.junit.jupiter.api.Assertions.assertTrue(AtomicFiles.isTempOf(temp, target.getFileName().toString()));
    }

    @Test
    void aLeftoverOfAKilledSaveIsRemovedOnlyIfItIsOurs() throws IOException {
        Path target = dir.resolve("model.bin");
        Path leftover = dir.resolve(AtomicFiles.tempName("model.bin"));
        Path othersFile = dir.resolve(".model.bin.vnn-notours.tmp.keep");
        Path otherTarget = dir.resolve(AtomicFiles.tempName("other.bin"));
        Files.write(leftover, new byte[5]);
        Files.write(othersFile, new byte[5]);
        Files.write(otherTarget, new byte[5]);
        AtomicFiles.write(target, out -> out.write(ByteBuffer.wrap(new byte[1])));
        assertEquals(java.util.Set.of(target, othersFile, otherTarget), java.util.Set.copyOf(files()));
    }

    @Test
    void errorsNameTheTarget() throws IOException {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        Path under = file.resolve("model.bin");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(under, out -> { }));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(under.toString())
                && e.getMessage().contains("is a file, not a folder"), e.getMessage());
        Path missing = dir.resolve("no/such/model.bin");
        e = assertThrows(IOException.class, () -> AtomicFiles.write(missing, out -> { }));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(missing.toString())
                && e.getMessage().contains("does not exist"), e.getMessage());
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
