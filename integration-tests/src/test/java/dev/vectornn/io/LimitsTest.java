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
 * message, and very wide models predict within the inference memory budget. Runs once, in the
 * scalar execution. Budget: ~3 s (6 s on a busy machine).
 */
class LimitsTest {

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void once() {
        Fixtures.onceNotPerBackend();
    }

    @Test
    void aHeaderOfManyEmptyObjectsIsRefusedByTheTokenLimit() throws IOException {
        ModelFormatException e = assertBad(header(400_000, "{}"));
        assertTrue(e.getMessage().contains("the header is not valid JSON") && e.getMessage().contains("Token count (500001) exceeds the maximum allowed (500000"),
                e.getMessage());
    }

    @Test
    void aMillionEmptyTensorsAreRefusedWithAShortMessage() throws IOException {
        ModelFormatException e = assertBad(header(100_000, "{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}"));
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

    @Test
    void thousandsOfWeightlessLayersPredictInMemoryOfTwoActivations() {
        Sequential m = new Sequential();
        m.input(1 << 20);
        for (int i = 0; i < 2_000; i++) {
            m.add(new dev.vectornn.layers.ActivationLayer("relu")); // 2,000 × 256 rows × 4 MiB if each kept its own
        }
        m.compile("mse", "sgd");
        float[] row = new float[1 << 20];
        row[7] = -1;
        row[8] = 2;
        float[] out = m.predict(row);
        assertEquals(0f, out[7]);
        assertEquals(2f, out[8]);
    }

    /** A header of {@code n} entries {@code "k<i>": value}. */
    private static String header(int n, String value) {
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            h.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(value);
        }
        return h.append('}').toString();
    }

    private ModelFormatException assertBad(String header) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("hostile.safetensors");
        Files.write(file, ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).array());
        return assertThrows(ModelFormatException.class, () -> Sequential.load(file));
    }
}
