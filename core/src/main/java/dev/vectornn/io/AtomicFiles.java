package dev.vectornn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Replaces a file so that a crash or an exception at any moment leaves either the old file or the
 * complete new one, never a mix.
 *
 * <p>The new content goes to a temporary file {@code .NAME.vnn-XXXXXXXX.tmp} in the target's
 * folder (so the final move stays on one file system; {@code NAME} is shortened so the whole name
 * stays within 255 bytes), is forced to the device, and is then moved over the target atomically
 * ({@code ATOMIC_MOVE}; where the file system cannot, a plain replacing move). On failure the
 * temporary file is deleted and the exception propagates, naming the target.
 *
 * <p>Like a careful editor it writes <em>through</em> a symbolic link, to the file the link points
 * to, and gives the new file the permissions of the one it replaces. A save that was killed
 * cannot delete its temporary file; the next save of the same target does: each save holds a lock
 * on its temporary file while it writes, and a temporary file of this name pattern that nobody
 * holds locked is a leftover (the operating system drops a killed process' locks).
 */
final class AtomicFiles {

    /** Writes the whole content to a channel. */
    @FunctionalInterface
    interface Content {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    /** The marker between the target's name and the random part: what makes a temporary file ours. */
    static final String MARKER = ".vnn-";
    static final String SUFFIX = ".tmp";
    private static final int RANDOM_CHARS = 8;
    private static final int MAX_NAME_BYTES = 255;
    private static final int MAX_LINKS = 40;

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
        Path file = followLinks(target.toAbsolutePath(), target);
        Path folder = file.getParent();
        checkFolder(target, file, folder);
        removeLeftovers(folder, file.getFileName().toString());

        Path temp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            // Not Files.createTempFile: its owner-only permissions would end up on the model file.
            temp = folder.resolve(tempName(file.getFileName().toString()));
            try {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 9) {
                    throw failure(target, "cannot create a temporary file in " + folder, e);
                }
            } catch (IOException e) {
                throw failure(target, "cannot create a temporary file in " + folder, e);
            }
        }
        try {
            try (FileChannel ch = channel) {
                FileLock lock = lockIfPossible(ch);
                content.writeTo(wrap.apply(ch));
                ch.force(true);
                copyPermissions(file, temp);
                // Moved while still locked, so no other save takes it for a leftover.
                move(temp, file);
                if (lock != null) {
                    lock.release();
                }
            }
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException d) {
                t.addSuppressed(d);
            }
            if (t instanceof IOException) {
                throw failure(target, "writing failed", (IOException) t);
            }
            throw t;
        }
        syncFolder(folder);
    }

    /**
     * A lock on our temporary file, which tells other saves it is not a leftover; null where the
     * file system has no locks (some network file systems): the save itself must not fail for that.
     */
    private static FileLock lockIfPossible(FileChannel ch) {
        try {
            return ch.tryLock();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The temporary file's name for a target called {@code name}: {@code .NAME.vnn-XXXXXXXX.tmp}, ≤ 255 bytes. */
    static String tempName(String name) {
        StringBuilder random = new StringBuilder();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < RANDOM_CHARS; i++) {
            random.append(Character.forDigit(r.nextInt(36), 36));
        }
        return prefix(name) + random + SUFFIX;
    }

    /** {@code .NAME.vnn-}, with {@code NAME} cut (at a code point) so that a whole temporary name fits. */
    private static String prefix(String name) {
        int room = MAX_NAME_BYTES - 1 - MARKER.length() - RANDOM_CHARS - SUFFIX.length();
        String kept = name;
        while (kept.getBytes(StandardCharsets.UTF_8).length > room) {
            kept = kept.substring(0, kept.offsetByCodePoints(kept.length(), -1));
        }
        return "." + kept + MARKER;
    }

    /** Whether {@code candidate} is a temporary file that a save of {@code name} creates. */
    static boolean isTempOf(String candidate, String name) {
        String prefix = prefix(name);
        if (!candidate.startsWith(prefix) || !candidate.endsWith(SUFFIX)
                || candidate.length() != prefix.length() + RANDOM_CHARS + SUFFIX.length()) {
            return false;
        }
        for (int i = prefix.length(); i < prefix.length() + RANDOM_CHARS; i++) {
            if (Character.digit(candidate.charAt(i), 36) < 0 || Character.isUpperCase(candidate.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Deletes the temporary files of {@code name} that no running save holds: those of a killed save. */
    private static void removeLeftovers(Path folder, String name) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                p -> isTempOf(p.getFileName().toString(), name))) {
            for (Path p : entries) {
                removeIfUnlocked(p);
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning up is a courtesy: a folder we cannot list will fail the save itself, clearly.
        }
    }

    private static void removeIfUnlocked(Path p) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock != null) {
                Files.deleteIfExists(p);
                lock.release();
            }
        } catch (OverlappingFileLockException e) {
            // Another thread of this process is writing it right now.
        } catch (IOException e) {
            // Gone already, or not ours to delete.
        }
    }

    /** The file that {@code path} names, after following symbolic links (even to a file not yet there). */
    private static Path followLinks(Path path, Path target) throws IOException {
        Path p = path;
        for (int i = 0; Files.isSymbolicLink(p); i++) {
            if (i == MAX_LINKS) {
                throw new FileSystemException(target.toString(), null, "too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(p);
            p = p.getParent().resolve(link).normalize();
        }
        return p;
    }

    private static void checkFolder(Path target, Path file, Path folder) throws IOException {
        if (folder == null) {
            throw new FileSystemException(target.toString(), null, "has no folder to save in");
        }
        if (Files.isDirectory(file)) {
            throw new FileSystemException(target.toString(), null, "is a directory, not a file");
        }
        if (!Files.isDirectory(folder)) {
            Path existing = folder;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !Files.isDirectory(existing)) {
                throw new FileSystemException(target.toString(), null, "cannot be saved: " + existing
                        + " is a file, not a folder");
            }
            throw new NoSuchFileException(target.toString(), null, "cannot be saved: the folder " + folder
                    + " does not exist");
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view == null || !Files.exists(from)) {
            return; // a new file, or a file system without POSIX permissions: the defaults apply
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        Files.setPosixFilePermissions(to, permissions);
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * An exception that names {@code target}, not the hidden temporary file: permission problems
     * stay an {@link AccessDeniedException}, others become a {@link FileSystemException} or an
     * {@link IOException} with the original as cause.
     */
    private static IOException failure(Path target, String what, IOException e) {
        if (e instanceof FileSystemException && target.toString().equals(((FileSystemException) e).getFile())) {
            return e; // already names the target
        }
        String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason() : e.getMessage();
        IOException named = e instanceof AccessDeniedException
                ? new AccessDeniedException(target.toString(), null, what + ": permission denied")
                : new FileSystemException(target.toString(), null, what + ": " + reason);
        named.initCause(e);
        return named;
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
