package dev.vectornn.io;

import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.Dense;
import dev.vectornn.losses.Losses;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Activation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * A file may store any name the registries accept for a built-in: every alias of every built-in
 * activation and loss (and an upper-case spelling of each canonical name) loads strictly, and
 * rebuilds the same thing. Files are written with the canonical name and then edited, as another
 * writer (Keras' {@code "swish"}, a hand-edited file) would store them.
 */
class AliasLoadTest {

    @TempDir
    Path dir;

    private static final float[][] X = {{0.5f, -1f, 2f, 0.25f}, {-1.5f, 0.75f, 0f, 1f}};

    /** Every other name of each built-in: its aliases and its canonical name in upper case. */
    private static List<String> otherNames(String canonical, List<String> aliases) {
        List<String> names = new ArrayList<>(aliases);
        names.add(canonical.toUpperCase(Locale.ROOT));
        return names;
    }

    @TestFactory
    List<DynamicTest> everyActivationAliasLoads() {
        Fixtures.onceNotPerBackend();
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation a : Activation.allBuiltins()) {
            for (String name : otherNames(a.name(), a.aliases())) {
                tests.add(dynamicTest(a.name() + " stored as '" + name + "'", () -> activationAlias(a, name)));
            }
        }
        assertTrue(tests.stream().anyMatch(t -> t.getDisplayName().contains("'swish'")), "swish is among them");
        return tests;
    }

    private void activationAlias(Activation a, String name) throws IOException {
        Sequential m = new Sequential(new Dense(3, a).inputDim(4), new ActivationLayer(a), new Dense(2));
        m.seed(7);
        m.compile("mse", "sgd");
        Path file = dir.resolve(a.name() + "-" + name + ".safetensors");
        m.save(file);
        // Both the dense layer's and the activation layer's "activation" entry (and the last layer's, for linear).
        int[] edits = {0};
        editHeader(file, header -> {
            String from = "\\\"activation\\\":\\\"" + a.name() + "\\\"";
            String to = "\\\"activation\\\":\\\"" + name + "\\\"";
            edits[0] = header.split(java.util.regex.Pattern.quote(from), -1).length - 1;
            return header.replace(from, to);
        });
        assertEquals(a == Activation.LINEAR ? 3 : 2, edits[0], "the stored activation names were rewritten");
        Sequential back = Sequential.load(file);
        assertSame(a, ((Dense) back.layers().get(0)).activation());
        assertSame(a, back.layers().get(1).outputActivation());
        assertEquals(m.layers().get(0).config(), back.layers().get(0).config());
        float[][] expected = m.predict(X);
        float[][] actual = back.predict(X);
        for (int i = 0; i < X.length; i++) {
            assertArrayEquals(expected[i], actual[i]);
        }
    }

    @TestFactory
    List<DynamicTest> everyLossAliasLoads() {
        Fixtures.onceNotPerBackend();
        List<DynamicTest> tests = new ArrayList<>();
        for (String loss : Losses.names()) {
            for (String name : otherNames(loss, Losses.get(loss).aliases())) {
                tests.add(dynamicTest(loss + " stored as '" + name + "'", () -> lossAlias(loss, name)));
            }
        }
        return tests;
    }

    private void lossAlias(String loss, String name) throws IOException {
        Sequential m = new Sequential(new Dense(3, "softmax").inputDim(4));
        m.seed(7);
        m.compile(loss, "sgd");
        Path file = dir.resolve(loss + "-" + name + ".safetensors");
        m.save(file);
        editHeader(file, header -> {
            String from = "\\\"loss\\\":{\\\"name\\\":\\\"" + loss + "\\\"";
            assertTrue(header.contains(from), header);
            return header.replace(from, "\\\"loss\\\":{\\\"name\\\":\\\"" + name + "\\\"");
        });
        Sequential back = Sequential.load(file);
        assertEquals(loss, back.loss().name());
        assertEquals(m.loss().config(), back.loss().config());
    }

    @Test
    void anAliasDoesNotLoosenTheOtherChecks() throws IOException {
        Fixtures.onceNotPerBackend();
        Sequential m = new Sequential(new Dense(3, "silu").inputDim(4));
        m.compile("mse", "sgd");
        Path file = dir.resolve("extra.safetensors");
        m.save(file);
        // An unknown key next to an alias is still an error naming it.
        editHeader(file, h -> h.replace("\\\"activation\\\":\\\"silu\\\"", "\\\"activation\\\":\\\"swish\\\",\\\"extra\\\":1"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
    }

    /** Rewrites the file's JSON header with {@code edit}, re-pads it to 8 bytes and reseals the checksum. */
    static void editHeader(Path file, java.util.function.UnaryOperator<String> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long length = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) length, StandardCharsets.UTF_8).stripTrailing();
        byte[] edited = edit.apply(header).getBytes(StandardCharsets.UTF_8);
        int padded = (edited.length + 7) & ~7;
        byte[] head = Arrays.copyOf(edited, padded);
        Arrays.fill(head, edited.length, padded, (byte) ' ');
        ByteBuffer out = ByteBuffer.allocate(8 + padded + bytes.length - 8 - (int) length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(head).put(bytes, 8 + (int) length, bytes.length - 8 - (int) length);
        Files.write(file, Sealing.reseal(out.array()));
    }
}
