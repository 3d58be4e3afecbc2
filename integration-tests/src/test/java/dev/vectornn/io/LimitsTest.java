package dev.vectornn.io;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stated limits hold: hostile headers are refused after a bounded amount of work with a short
 * message, and very wide models predict within the inference memory budget. Budget: ~2 s.
 */
class LimitsTest {

    @TempDir
    Path dir;

    @Test
    void aHeaderOfManyEmptyObjectsIsRefusedByTheTokenLimit() throws IOException {
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i < 400_000; i++) {
            h.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":{}");
        }
        ModelFormatException e = assertBad(h.append('}').toString());
        assertTrue(e.getMessage().contains("the header is not valid JSON") && e.getMessage().contains("Token count (500001) exceeds the maximum allowed (500000"),
                e.getMessage());
    }

    @Test
    void aMillionEmptyTensorsAreRefusedWithAShortMessage() throws IOException {
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            h.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}");
        }
        ModelFormatException e = assertBad(h.append('}').toString());
        assertTrue(e.getMessage().length() < ModelFormatException.MAX_PROBLEM_CHARS + 500, "message of "
                + e.getMessage().length() + " characters");
    }

    @Test
    void aVeryWideModelPredictsOneRowWithinTheBudget() {
        Sequential m = new Sequential(new Dense(1).inputDim(1 << 23));
        m.compile("mse", "sgd");
        float[][] out = m.predict(new float[][] {new float[1 << 23]});
        assertEquals(1, out[0].length);
    }

    private ModelFormatException assertBad(String header) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("hostile.safetensors");
        Files.write(file, ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).array());
        return assertThrows(ModelFormatException.class, () -> Sequential.load(file));
    }
}
