package dev.vectornn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Replaces a file so that a crash or an exception at any moment leaves either the old file or the
 * complete new one, never a mix, and no temporary file behind.
 *
 * <p>The new content goes to a temporary file in the target's folder (so the final move stays on
 * one file system), is forced to the device, and is then moved over the target atomically
 * ({@code ATOMIC_MOVE}; where the file system cannot, a plain replacing move). On failure the
 * temporary file is deleted and the exception propagates.
 */
final class AtomicFiles {

    /** Writes the whole content to a channel. */
    @FunctionalInterface
    interface Content {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces {@code target} with what {@code content} writes. */
    static void write(Path target, Content content) throws IOException {
        write(target, content, UnaryOperator.identity());
    }

    /**
     * As {@link #write(Path, Content)}, the channel passed through {@code wrap} first: tests wrap it
     * in one that fails after some bytes, as a full disk would.
     */
    static void write(Path target, Content content, UnaryOperator<WritableByteChannel> wrap) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new java.nio.file.NoSuchFileException(String.valueOf(folder), null,
                    "the folder to save " + target.getFileName() + " in does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new java.nio.file.FileSystemException(absolute.toString(), null, "is a directory, not a file");
        }
        Path temp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            // Not Files.createTempFile: its owner-only permissions would end up on the model file.
            temp = folder.resolve("." + absolute.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 9) {
                    throw e;
                }
            }
        }
        try {
            try (FileChannel ch = channel) {
                content.writeTo(wrap.apply(ch));
                ch.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException d) {
                t.addSuppressed(d);
            }
            throw t;
        }
        syncFolder(folder);
    }

    /** Makes the rename itself durable where the platform allows syncing a folder (Linux, macOS). */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the file's content is already forced.
        }
    }
}
