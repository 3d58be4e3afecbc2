package dev.vectornn.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> layout,
 * float32 tensors only:
 *
 * <pre>
 * [8 bytes]  N, the header length, unsigned little-endian
 * [N bytes]  UTF-8 JSON: {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
 *                         "__metadata__": {"key": "string value", ...}}, padded with spaces
 * [rest]     the tensors' raw little-endian bytes; offsets are relative to the start of this part
 * </pre>
 *
 * <p>Reading trusts nothing: the header length is capped ({@value #MAX_HEADER_BYTES} bytes) and
 * checked against the file size before anything is allocated, every tensor's offsets are checked
 * against its shape and against the data part, the tensors must tile the data part exactly (no
 * gap, no overlap, nothing after), and only then are tensors read. Every violation is a
 * {@link ModelFormatException} saying what was found.
 */
final class SafeTensors {

    /** The largest header accepted (100 MiB), as the reference implementation caps it. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    /** More dimensions than this is a corrupted shape, not a tensor. */
    static final int MAX_RANK = 8;

    static final String METADATA_KEY = "__metadata__";

    /** More tensors than this is a corrupted or hostile file, not a model. */
    static final int MAX_TENSORS = 100_000;

    private static final int CHUNK = 1 << 16;
    private static final Set<String> TENSOR_KEYS = Set.of("dtype", "shape", "data_offsets");

    private SafeTensors() {
    }

    /** A named float32 tensor; {@code data} holds the elements row-major and is not copied. */
    record Tensor(String name, int[] shape, float[] data) {
        Tensor {
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("Tensor " + name + " has a negative dimension: " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("Tensor " + name + " of shape " + Arrays.toString(shape) + " needs "
                        + n + " values, got " + data.length);
            }
        }
    }

    /**
     * What a file holds.
     *
     * @param tensors  by name, in the order of their data
     * @param metadata the {@code __metadata__} entries (empty if there are none)
     * @param dataCrc  the CRC-32C of the data part, as {@link #crc32c} computes it
     * @param fileCrc  the CRC-32C of the whole file, with the {@link FileChecksum} slot read as
     *                 zeros if the header has one
     * @param hasChecksumSlot whether the header starts with {@link FileChecksum#PREFIX}
     */
    record Contents(Map<String, Tensor> tensors, Map<String, String> metadata, long dataCrc, long fileCrc,
                    boolean hasChecksumSlot) {
    }

    // ------------------------------------------------------------------ writing

    /** Writes {@code tensors} (their data in this order) and {@code metadata} to {@code out}. */
    static void write(WritableByteChannel out, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        writeFully(out, ByteBuffer.wrap(head(tensors, metadata)));
        writeData(out, tensors);
    }

    /**
     * The first part of the file: the 8-byte header length and the header, {@code __metadata__}
     * first (as the reference writer puts it), then the tensors in order, padded with spaces so that
     * the data starts 8-byte aligned.
     */
    static byte[] head(List<Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(METADATA_KEY, metadata);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            if (t.name().isEmpty() || t.name().equals(METADATA_KEY) || header.containsKey(t.name())) {
                throw new IllegalArgumentException("Tensor name '" + t.name() + "' is empty, reserved or used twice");
            }
            long end = offset + 4L * t.data().length;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            entry.put("shape", Arrays.stream(t.shape()).boxed().toList());
            entry.put("data_offsets", List.of(offset, end));
            header.put(t.name(), entry);
            offset = end;
        }
        byte[] json = Json.write(header, "the header").getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        return head.array();
    }

    /** Writes the data part: every tensor's floats, little-endian, in order. */
    static void writeData(WritableByteChannel out, List<Tensor> tensors) throws IOException {
        forEachChunk(tensors, chunk -> writeFully(out, chunk));
    }

    /** Adds the data part that {@link #writeData} writes to {@code crc}. */
    static void updateCrc(CRC32C crc, List<Tensor> tensors) throws IOException {
        forEachChunk(tensors, crc::update);
    }

    /** The CRC-32C of the data part that {@link #write} produces for {@code tensors}. */
    static long crc32c(List<Tensor> tensors) {
        CRC32C crc = new CRC32C();
        try {
            updateCrc(crc, tensors);
        } catch (IOException e) {
            throw new AssertionError(e); // updating a checksum does no I/O
        }
        return crc.getValue();
    }

    private interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    /** Hands the data part to {@code sink} in little-endian chunks of at most {@value #CHUNK} bytes. */
    private static void forEachChunk(List<Tensor> tensors, ChunkSink sink) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors) {
            float[] d = t.data();
            for (int i = 0; i < d.length; ) {
                int n = Math.min(CHUNK / 4, d.length - i);
                chunk.clear();
                chunk.asFloatBuffer().put(d, i, n);
                chunk.limit(4 * n);
                sink.accept(chunk);
                i += n;
            }
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    // ------------------------------------------------------------------ reading

    /** A tensor as the header declares it, checked against the file before its data is read. */
    private record Entry(String name, int[] shape, int count, long begin, long end) {
    }

    /** Reads and checks a whole file. */
    static Contents read(Path file) throws IOException {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new java.nio.file.FileSystemException(file.toString(), null, "is a directory, not a model file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw ModelFormatException.in(file, "truncated: the file has " + size
                        + " bytes, but a safetensors file starts with an 8-byte header length");
            }
            long headerLength = readFully(ch, 8, file).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw ModelFormatException.in(file, "wrong header length " + Long.toUnsignedString(headerLength)
                        + ": expected 2 to " + MAX_HEADER_BYTES + " bytes; this is not a safetensors file or it is corrupted");
            }
            if (headerLength > size - 8) {
                throw ModelFormatException.in(file, "truncated: the header length says " + headerLength
                        + " bytes of header follow, but the file has only " + (size - 8) + " bytes after the length");
            }
            byte[] headerBytes = readFully(ch, (int) headerLength, file).array();
            checkEncoding(headerBytes, file);
            long dataSize = size - 8 - headerLength;
            JsonFields f = new JsonFields(file);
            Map<String, Object> header = f.object(Json.parse(headerBytes, file, "the header"), "the header");
            if (header.size() > MAX_TENSORS + 1) {
                throw f.error("the header lists " + header.size() + " entries; at most " + MAX_TENSORS
                        + " tensors are read");
            }
            boolean slot = FileChecksum.hasSlot(headerBytes);
            CRC32C fileCrc = new CRC32C();
            fileCrc.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerLength));
            FileChecksum.update(fileCrc, headerBytes);

            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, Object> e : header.entrySet()) {
                if (e.getKey().equals(METADATA_KEY)) {
                    for (Map.Entry<String, Object> m : f.object(e.getValue(), METADATA_KEY).entrySet()) {
                        metadata.put(m.getKey(), f.string(m.getValue(), METADATA_KEY + "." + m.getKey()));
                    }
                } else {
                    entries.add(entry(f, e.getKey(), e.getValue(), dataSize));
                }
            }
            checkTiling(f, entries, dataSize);

            Map<String, Tensor> tensors = new LinkedHashMap<>();
            CRC32C crc = new CRC32C();
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            long position = 8 + headerLength;
            for (Entry en : entries) {
                float[] data = new float[en.count()];
                for (int i = 0; i < data.length; ) {
                    int n = Math.min(CHUNK / 4, data.length - i);
                    chunk.clear().limit(4 * n);
                    readFully(ch, chunk, position, file);
                    crc.update(chunk.flip());
                    chunk.rewind();
                    fileCrc.update(chunk);
                    chunk.rewind();
                    chunk.asFloatBuffer().get(data, i, n);
                    position += 4L * n;
                    i += n;
                }
                tensors.put(en.name(), new Tensor(en.name(), en.shape(), data));
            }
            return new Contents(tensors, metadata, crc.getValue(), fileCrc.getValue(), slot);
        }
    }

    /**
     * Refuses a header that is not plain UTF-8 JSON text, as other safetensors readers do: it must
     * start with '{' (so no byte-order mark) and hold no NUL byte (which UTF-16 and UTF-32 text of
     * ASCII characters always does, and which JSON never needs).
     */
    private static void checkEncoding(byte[] header, Path file) throws ModelFormatException {
        if (header[0] != '{') {
            throw ModelFormatException.in(file, "the header starts with byte 0x" + Integer.toHexString(header[0] & 0xff)
                    + (header.length >= 3 && (header[0] & 0xff) == 0xEF && (header[1] & 0xff) == 0xBB ? " (a UTF-8 byte-order mark)" : "")
                    + "; a safetensors header is UTF-8 JSON starting with '{'");
        }
        for (int i = 0; i < header.length; i++) {
            if (header[i] == 0) {
                throw ModelFormatException.in(file, "the header has a NUL byte at offset " + i
                        + " (UTF-16 or UTF-32 text?); a safetensors header is UTF-8 JSON");
            }
        }
    }

    private static Entry entry(JsonFields f, String name, Object value, long dataSize) throws ModelFormatException {
        String where = "tensor \"" + name + "\"";
        if (name.isEmpty()) {
            throw f.error("the header has a tensor with an empty name");
        }
        Map<String, Object> o = f.object(value, where);
        f.onlyKeys(o, TENSOR_KEYS, where);
        String dtype = f.string(o, "dtype", where);
        if (!dtype.equals("F32")) {
            throw f.error(where + " has dtype " + dtype + "; vectornn reads only F32 (float32) tensors");
        }
        List<Object> dims = f.list(o, "shape", where);
        if (dims.size() > MAX_RANK) {
            throw f.error(where + " has " + dims.size() + " dimensions; at most " + MAX_RANK + " are supported");
        }
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) f.integer(dims.get(i), 0, Integer.MAX_VALUE, where + ".shape[" + i + "]");
            // Saturate at 2^40 so that the product cannot overflow; anything that large fails below anyway.
            count = shape[i] != 0 && count > (1L << 40) / shape[i] ? 1L << 40 : count * shape[i];
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw f.error(where + " has shape " + Arrays.toString(shape) + ", more elements than a Java array holds");
        }
        List<Object> offsets = f.list(o, "data_offsets", where);
        if (offsets.size() != 2) {
            throw f.error(where + " has " + offsets.size() + " data_offsets; expected 2, [begin, end]");
        }
        long begin = f.integer(offsets.get(0), 0, Long.MAX_VALUE, where + ".data_offsets[0]");
        long end = f.integer(offsets.get(1), 0, Long.MAX_VALUE, where + ".data_offsets[1]");
        if (begin > end || end > dataSize) {
            throw f.error(where + " has data_offsets [" + begin + ", " + end + "] but the data part of the file is "
                    + dataSize + " bytes" + (end > dataSize ? " (truncated file?)" : ""));
        }
        if (end - begin != 4 * count) {
            throw f.error(where + " has shape " + Arrays.toString(shape) + " (" + count + " floats, " + 4 * count
                    + " bytes) but data_offsets [" + begin + ", " + end + "] span " + (end - begin) + " bytes");
        }
        return new Entry(name, shape, (int) count, begin, end);
    }

    /** Sorts {@code entries} by offset and checks that they cover {@code [0, dataSize)} without gaps or overlaps. */
    private static void checkTiling(JsonFields f, List<Entry> entries, long dataSize) throws ModelFormatException {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Set<String> seen = new HashSet<>();
        for (Entry e : entries) {
            seen.add(e.name());
            if (e.begin() != expected) {
                throw f.error("tensor \"" + e.name() + "\" starts at byte " + e.begin() + " of the data part, expected "
                        + expected + (e.begin() < expected ? " (it overlaps the tensor before it)" : " (a gap before it)"));
            }
            expected = e.end();
        }
        if (expected != dataSize) {
            throw f.error("the tensors cover " + expected + " bytes but the data part of the file is " + dataSize
                    + " bytes (a truncated or padded file?)");
        }
    }

    private static ByteBuffer readFully(FileChannel ch, int n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        readFully(ch, b, ch.position(), file);
        ch.position(ch.position() + n);
        return b.flip();
    }

    /** Fills {@code b} from {@code position} on, or fails if the file ends first (it shrank while we read). */
    private static void readFully(FileChannel ch, ByteBuffer b, long position, Path file) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) {
                throw ModelFormatException.in(file, "truncated: the file ended at byte " + p + " while reading",
                        new EOFException());
            }
            p += r;
        }
    }
}
