package dev.vectornn.onnx;

import dev.vectornn.io.ModelFormatException;
import dev.vectornn.layers.BatchNormalization;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.layers.Embedding;
import dev.vectornn.layers.LayerNormalization;
import dev.vectornn.layers.Normalization;
import dev.vectornn.spi.Activation;
import dev.vectornn.models.Sequential;
import dev.vectornn.testkit.PropertySettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Loading a randomly corrupted ONNX file either fails with {@link ModelFormatException} or gives a
 * model that predicts; never another exception, an out-of-memory error or a hang. The valid files
 * are vectornn's own exports (one with issue #14's layers and activations) and PyTorch's iris and
 * reshape fixtures. {@code QT_EXAMPLES} /
 * {@code QT_SEED} change the tries and the seed. Budget: about 3 s (1000 tries).
 */
class OnnxCorruptionPropertyTest {

    private static final int TRIES = 1000;
    private static final int KINDS = 7;

    @TempDir
    static Path dir;

    private static final List<byte[]> VALID = new ArrayList<>();
    private static Path target;

    @BeforeAll
    static void validFiles() throws IOException {
        Sequential a = new Sequential(new Dense(8, "relu").inputDim(4), new Dropout(0.2), new Dense(3, "softmax"));
        a.seed(1).compile("mse", "sgd");
        Sequential b = new Sequential(new Dense(5, "tanh").useBias(false).inputDim(3), new Dense(2, "sigmoid"));
        b.seed(2).compile("mse", "sgd");
        // Issue #14's layers and activations: the patterns (GELU, layer normalization, embedding, ...) corrupted too.
        Sequential c = new Sequential(new Embedding(3, 2).column(1).inputDim(3),
                new Normalization(new float[] {0, 1, 2, 3}, new float[] {1, 2, 3, 4}), new Dense(4, "gelu"),
                new BatchNormalization(), new LayerNormalization(), new Dense(3, Activation.RELU.configure(
                        java.util.Map.of("threshold", 0.5, "max_value", 2.0, "negative_slope", 0.1))));
        c.seed(3).compile("mse", "sgd");
        for (Sequential m : List.of(a, b, c)) {
            Path p = dir.resolve("valid" + VALID.size() + ".onnx");
            Onnx.export(m, p);
            VALID.add(Files.readAllBytes(p));
        }
        VALID.add(TestModels.resource("iris_torch.onnx"));
        VALID.add(TestModels.resource("view_reshape_opset11.onnx"));
        target = dir.resolve("corrupted.onnx");
    }

    @Test
    void corruptedFilesFailOnlyWithModelFormatException() {
        PropertySettings.qt(TRIES)
                .forAll(integers().between(0, VALID.size() - 1), integers().between(0, KINDS - 1), longs().all())
                .checkAssert((file, kind, seed) -> {
                    byte[] bad = corrupt(VALID.get(file), kind, new SplittableRandom(seed));
                    try {
                        Files.write(target, bad);
                        Sequential loaded = Onnx.load(target);
                        float[] out = loaded.predict(new float[loaded.inputWidth()]);
                        if (out.length != loaded.outputWidth()) {
                            throw new AssertionError("a loaded model predicts " + out.length + " values");
                        }
                    } catch (ModelFormatException expected) {
                        // the documented outcome for a bad file
                    } catch (Throwable t) {
                        throw new AssertionError("file " + file + ", corruption " + kind + ", seed " + seed
                                + ": loading threw " + t, t);
                    }
                });
    }

    /** One random change of {@code kind} to a copy of {@code valid}. */
    static byte[] corrupt(byte[] valid, int kind, SplittableRandom r) {
        byte[] b = valid.clone();
        int at = r.nextInt(b.length);
        return switch (kind) {
            case 0 -> { // a few flipped bits
                for (int i = r.nextInt(1, 6); i > 0; i--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                yield b;
            }
            case 1 -> Arrays.copyOf(b, at); // cut short
            case 2 -> { // one byte replaced: often a field tag, a wire type or a length
                b[at] = (byte) r.nextInt(256);
                yield b;
            }
            case 3 -> { // a run of 0xFF, which makes long or unterminated varints
                for (int i = at; i < Math.min(b.length, at + r.nextInt(1, 11)); i++) {
                    b[i] = (byte) 0xFF;
                }
                yield b;
            }
            case 4 -> { // random bytes inserted
                byte[] junk = new byte[r.nextInt(1, 12)];
                r.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                yield out;
            }
            case 5 -> { // a range removed
                int to = Math.min(b.length, at + r.nextInt(1, 32));
                byte[] out = new byte[b.length - (to - at)];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, to, out, at, b.length - to);
                yield out;
            }
            default -> { // random bytes appended (a valid-looking extra field, or garbage)
                byte[] junk = new byte[r.nextInt(1, 40)];
                r.nextBytes(junk);
                byte[] out = Arrays.copyOf(b, b.length + junk.length);
                System.arraycopy(junk, 0, out, b.length, junk.length);
                yield out;
            }
        };
    }
}
