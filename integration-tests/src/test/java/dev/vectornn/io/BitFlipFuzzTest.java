package dev.vectornn.io;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A mutation fuzzer for model files. In CI: every single-bit flip of a small model's file is either
 * detected (a {@link ModelFormatException}) or proven harmless (the loaded model has bitwise the
 * same parameters and predicts bitwise the same); no other exception escapes. With {@code -Pfuzz}
 * ({@code vectornn.fuzz.tries}): random multi-bit flips and byte edits of three models, half of them
 * with the checksum recomputed so that the structural checks behind it are reached; there a load
 * may give another model (the edit was "on purpose"), but never another exception type.
 *
 * <p>Runs once, with the scalar backend: integrity checks do not depend on the backend. Budget: ~5 s.
 */
class BitFlipFuzzTest {

    @TempDir
    static Path dir;

    private static Sequential original;
    private static byte[] file;
    private static final float[][] PROBE = {{0.5f, -1.25f, 3f}, {-2f, 0f, 1e-3f}};

    @BeforeAll
    static void saveASmallModel() throws IOException {
        original = new Sequential(new Dense(2, "relu").inputDim(3), new Dense(1, "sigmoid"));
        original.seed(7);
        original.compile("binary_crossentropy", new Adam(0.01), "accuracy");
        original.fit(new float[][] {{1, 2, 3}, {3, 2, 1}}, new float[][] {{1}, {0}},
                dev.vectornn.models.FitOptions.epochs(2).batchSize(1).verbose(0));
        Path p = dir.resolve("small.safetensors");
        original.save(p);
        file = Files.readAllBytes(p);
    }

    @Test
    void everySingleBitFlipIsDetectedOrHarmless() throws IOException {
        Fixtures.onceNotPerBackend();
        Path target = dir.resolve("flipped.safetensors");
        Files.write(target, file);
        int detected = 0;
        int harmless = 0;
        List<String> failures = new ArrayList<>();
        // The file is changed in place, one byte at a time, and restored after each load: writing
        // a whole new file per flip costs far more than the load on a busy disk.
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            for (int bit = 0; bit < file.length * 8; bit++) {
                int at = bit / 8;
                ch.write(ByteBuffer.wrap(new byte[] {(byte) (file[at] ^ (1 << (bit % 8)))}), at);
                try {
                    Sequential loaded = Sequential.load(target);
                    if (sameModel(loaded)) {
                        harmless++;
                    } else if (failures.size() < 10) {
                        failures.add("bit " + bit + " (byte " + at + ") loads a different model");
                    }
                } catch (ModelFormatException e) {
                    detected++;
                } catch (Throwable t) {
                    if (failures.size() < 10) {
                        failures.add("bit " + bit + " (byte " + at + ") threw " + t);
                    }
                }
                ch.write(ByteBuffer.wrap(new byte[] {file[at]}), at);
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(file.length * 8, detected + harmless);
        System.out.printf("BitFlipFuzzTest: %d single-bit flips of a %d-byte file: %d detected, %d harmless%n",
                file.length * 8, file.length, detected, harmless);
    }

    @Test
    void deepRandomMutationsFailOnlyWithModelFormatException() throws IOException {
        Fixtures.onceNotPerBackend();
        int tries = Integer.getInteger("vectornn.fuzz.tries", 0);
        assumeTrue(tries > 0, "the deep fuzz run is for -Pfuzz (vectornn.fuzz.tries > 0)");
        long seed = Long.getLong("vectornn.fuzz.seed", System.nanoTime());
        SplittableRandom r = new SplittableRandom(seed);
        List<byte[]> models = List.of(file, CorruptionPropertyTest.validFile(0), CorruptionPropertyTest.validFile(1));
        Path target = dir.resolve("mutated.safetensors");
        int loaded = 0;
        for (int i = 0; i < tries; i++) {
            byte[] b = CorruptionPropertyTest.corrupt(models.get(r.nextInt(models.size())), r.nextInt(8), r);
            if (r.nextBoolean()) {
                b = Sealing.reseal(b);
            }
            Files.write(target, b);
            try {
                Sequential m = Sequential.load(target);
                m.predict(new float[m.inputWidth()]);
                loaded++;
            } catch (ModelFormatException expected) {
                // the documented outcome
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ", try " + i + ": " + t, t);
            }
        }
        System.out.printf("BitFlipFuzzTest deep run: %d mutations (seed %d), %d loaded%n", tries, seed, loaded);
    }

    private static boolean sameModel(Sequential loaded) {
        if (!java.util.Arrays.equals(bits(original.getParameters()), bits(loaded.getParameters()))) {
            return false;
        }
        float[][] a = original.predict(PROBE);
        float[][] b = loaded.predict(PROBE);
        for (int i = 0; i < a.length; i++) {
            if (!java.util.Arrays.equals(bits(a[i]), bits(b[i]))) {
                return false;
            }
        }
        return loaded.snapshot().step() == original.snapshot().step()
                && loaded.optimizer().config().equals(original.optimizer().config());
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
