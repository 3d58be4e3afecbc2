package dev.vectornn.io;

import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Loading a randomly corrupted model file either fails with {@link ModelFormatException} or gives a
 * model that works; never another exception (no OutOfMemoryError, ArrayIndexOutOfBoundsException,
 * NullPointerException, ClassCastException ...). Half the corrupted files get their whole-file
 * checksum recomputed ({@link Sealing}), so the checks behind the checksum are exercised too. {@code QT_EXAMPLES} / {@code QT_SEED} override
 * the number of tries and the seed; a failure prints the seed that reproduces it.
 */
class CorruptionPropertyTest {

    private static final int TRIES = 1500;
    private static final int KINDS = 8;
    /** Characters that matter to a JSON parser: corrupting the header with them reaches deeper code. */
    private static final byte[] JSON_BYTES = "{}[]\":,0123456789-+.eE tfn\\u".getBytes();

    @TempDir
    static Path dir;

    private static List<byte[]> valid;
    private static Path target;

    @BeforeAll
    static void saveValidModels() throws IOException {
        float[][][] data = Fixtures.blobs(30, 5);
        Sequential a = Fixtures.model(new Adam(0.01), 1);
        a.fit(data[0], data[1], Fixtures.quiet(1, 8));
        Sequential b = Fixtures.irisLike(new Sgd(), 2);
        Sequential c = Fixtures.irisLike(new Sgd(0.1, 0.5, false), 3);
        valid = new java.util.ArrayList<>();
        for (Sequential m : List.of(a, b, c)) {
            Path p = dir.resolve("valid-" + valid.size() + ".safetensors");
            m.save(p);
            valid.add(Files.readAllBytes(p));
        }
        target = dir.resolve("corrupted.safetensors");
    }

    @Test
    void corruptedFilesFailOnlyWithModelFormatException() {
        qt().withExamples(TRIES)
                .forAll(integers().between(0, valid.size() - 1), integers().between(0, KINDS - 1), longs().all())
                .checkAssert((model, kind, seed) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    byte[] corrupted = corrupt(valid.get(model), kind, random);
                    if (random.nextBoolean()) {
                        corrupted = Sealing.reseal(corrupted);
                    }
                    try {
                        Files.write(target, corrupted);
                        Sequential loaded = Sequential.load(target);
                        // The corruption missed everything that matters (e.g. a hyper-parameter's digit):
                        // the model must then be whole and usable.
                        float[] out = loaded.predict(new float[loaded.inputWidth()]);
                        if (out.length != loaded.outputWidth()) {
                            throw new AssertionError("a loaded model predicts " + out.length + " values");
                        }
                    } catch (ModelFormatException expected) {
                        // the documented outcome for a bad file
                    } catch (Throwable t) {
                        throw new AssertionError("model " + model + ", corruption " + kind + ", seed " + seed
                                + ": loading threw " + t, t);
                    }
                });
    }

    /** Valid file {@code i} (0 to 2), saving the models first if needed. */
    static byte[] validFile(int i) throws IOException {
        if (valid == null) {
            dir = Files.createTempDirectory("vectornn-corruption");
            saveValidModels();
        }
        return valid.get(i);
    }

    /** One random corruption of {@code kind}. */
    static byte[] corrupt(byte[] file, int kind, SplittableRandom r) {
        byte[] b = file.clone();
        int headerEnd = (int) Math.min(b.length, 8 + ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong());
        switch (kind) {
            case 0 -> { // flip a few bits anywhere
                for (int i = r.nextInt(1, 9); i > 0; i--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> { // flip a bit in the header
                b[r.nextInt(headerEnd)] ^= (byte) (1 << r.nextInt(8));
            }
            case 2 -> { // truncate
                b = Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 3 -> { // inflate or shrink the header length
                long length = switch (r.nextInt(3)) {
                    case 0 -> r.nextLong();
                    case 1 -> headerEnd - 8 + r.nextInt(-64, 65);
                    default -> 1L << r.nextInt(20, 63);
                };
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
            }
            case 4 -> { // overwrite a range with garbage
                int from = r.nextInt(b.length);
                int to = Math.min(b.length, from + r.nextInt(1, 64));
                for (int i = from; i < to; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
            }
            case 5 -> { // insert garbage
                int at = r.nextInt(b.length + 1);
                byte[] junk = new byte[r.nextInt(1, 16)];
                r.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                b = out;
            }
            case 6 -> { // replace header bytes with JSON punctuation and digits
                for (int i = r.nextInt(1, 4); i > 0; i--) {
                    b[8 + r.nextInt(headerEnd - 8)] = JSON_BYTES[r.nextInt(JSON_BYTES.length)];
                }
            }
            default -> { // append garbage
                byte[] junk = new byte[r.nextInt(1, 64)];
                r.nextBytes(junk);
                byte[] out = Arrays.copyOf(b, b.length + junk.length);
                System.arraycopy(junk, 0, out, b.length, junk.length);
                b = out;
            }
        }
        return b;
    }
}
