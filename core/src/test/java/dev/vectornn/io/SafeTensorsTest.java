package dev.vectornn.io;

import dev.vectornn.io.SafeTensors.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsTest {

    @TempDir
    Path dir;

    private final Tensor kernel = new Tensor("layers.0.dense.kernel", new int[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, -0f, 6e30f});
    private final Tensor bias = new Tensor("layers.0.dense.bias", new int[] {3}, new float[] {0.25f, 0, -1});

    @Test
    void roundTripsTensorsAndMetadata() throws IOException {
        Path file = write(List.of(kernel, bias), Map.of("format", "test", "model", "{\"a\": 1}"));
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(List.of(kernel.name(), bias.name()), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(kernel.shape(), c.tensors().get(kernel.name()).shape());
        assertArrayEquals(kernel.data(), c.tensors().get(kernel.name()).data());
        assertArrayEquals(bias.data(), c.tensors().get(bias.name()).data());
        assertEquals(Map.of("format", "test", "model", "{\"a\": 1}"), c.metadata());
        assertEquals(SafeTensors.crc32c(List.of(kernel, bias)), c.dataCrc());
    }

    @Test
    void theBytesFollowTheSafetensorsLayout() throws IOException {
        Path file = write(List.of(kernel, bias), Map.of());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        String header = new String(b.array(), 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"layers.0.dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"layers.0.dense.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}}", header.strip());
        b.position((int) (8 + n));
        for (float v : kernel.data()) {
            assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(b.getFloat()));
        }
        for (float v : bias.data()) {
            assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(b.getFloat()));
        }
        assertEquals(b.capacity(), b.position(), "nothing after the data");
    }

    @Test
    void largeTensorsCrossChunkBoundaries() throws IOException {
        float[] big = new float[100_003];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f - 7;
        }
        Tensor t = new Tensor("big", new int[] {big.length}, big);
        Tensor empty = new Tensor("empty", new int[] {0, 4}, new float[0]);
        SafeTensors.Contents c = SafeTensors.read(write(List.of(empty, t, bias), Map.of()));
        assertArrayEquals(big, c.tensors().get("big").data());
        assertEquals(0, c.tensors().get("empty").data().length);
    }

    @Test
    void readsWhatOtherWritersProduce() throws IOException {
        // As Python's safetensors writes: metadata first, entries not in data order, space padding.
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}      ";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putFloat(7f).putFloat(-1f).putFloat(2.5f);
        Path file = Files.createTempFile(dir, "foreign", ".safetensors");
        Files.write(file, b.array());
        SafeTensors.Contents c = SafeTensors.read(file);
        assertArrayEquals(new float[] {7f}, c.tensors().get("a").data());
        assertArrayEquals(new int[0], c.tensors().get("a").shape());
        assertArrayEquals(new float[] {-1f, 2.5f}, c.tensors().get("b").data());
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void shortFilesAreTruncated() throws IOException {
        assertBad(new byte[0], "truncated: the file has 0 bytes");
        assertBad(new byte[7], "truncated: the file has 7 bytes");
        byte[] valid = Files.readAllBytes(write(List.of(kernel, bias), Map.of()));
        assertBad(java.util.Arrays.copyOf(valid, 20), "truncated: the header length says");
        assertBad(java.util.Arrays.copyOf(valid, valid.length - 1), "the data part of the file is 35 bytes");
    }

    @Test
    void aHeaderClaimingGigabytesFailsBeforeAnythingIsAllocated() {
        for (long claimed : new long[] {0, 1, SafeTensors.MAX_HEADER_BYTES + 1, 1L << 40, -1}) {
            byte[] b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(claimed).array();
            assertBad(b, "wrong header length " + Long.toUnsignedString(claimed));
        }
    }

    @Test
    void headersThatLieAreRejected() throws IOException {
        assertHeaderBad("[1, 2]", 0, "the header starts with byte 0x5b; a safetensors header is UTF-8 JSON starting with '{'");
        assertHeaderBad("\uFEFF{}", 0, "(a UTF-8 byte-order mark)");
        assertHeaderBad("{\u0000}", 0, "a NUL byte at offset 1 (UTF-16 or UTF-32 text?)");
        assertHeaderBad("{\"t\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4, "dtype F16; vectornn reads only F32");
        assertHeaderBad("{\"t\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4, "span 4 bytes");
        assertHeaderBad("{\"t\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", 4, "(truncated file?)");
        assertHeaderBad("{\"t\": {\"dtype\": \"F32\", \"shape\": [1000000000, 1000000000], \"data_offsets\": [0, 8]}}", 8,
                "more elements than a Java array holds");
        assertHeaderBad("{\"t\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 8]}}", 8, "shape[0] is -1");
        assertHeaderBad("{\"t\": {\"dtype\": \"F32\", \"shape\": [\"2\"], \"data_offsets\": [0, 8]}}", 8,
                "shape[0] must be a whole number, found the string \"2\"");
        assertHeaderBad("{\"t\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4], \"x\": 1}}", 4, "unexpected key \"x\"");
        assertHeaderBad("{\"t\": {\"dtype\": \"F32\", \"shape\": [1]}}", 4, "has no \"data_offsets\"");
        assertHeaderBad("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
                + " \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 8, "overlaps");
        assertHeaderBad("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8, "a gap before it");
        assertHeaderBad("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 8, "cover 4 bytes but the data part");
        assertHeaderBad("{\"__metadata__\": {\"model\": 3}}", 0, "__metadata__.model must be a string");
        assertHeaderBad("{\"t\": 1", 0, "not valid JSON");
    }

    private Path write(List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        Path file = Files.createTempFile(dir, "t", ".safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            SafeTensors.write(ch, tensors, metadata);
        }
        return file;
    }

    private void assertHeaderBad(String header, int dataBytes, String expected) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        assertBad(b.array(), expected);
    }

    private void assertBad(byte[] content, String expected) {
        try {
            Path file = Files.createTempFile(dir, "bad", ".safetensors");
            Files.write(file, content);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafeTensors.read(file));
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
