package dev.vectornn.io;

import dev.vectornn.data.csv.Csv;
import dev.vectornn.data.csv.CsvFormatException;
import dev.vectornn.layers.Dense;
import dev.vectornn.layers.Dropout;
import dev.vectornn.layers.Layers;
import dev.vectornn.losses.Losses;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Optimizers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Misuses of the I/O, CSV and API edges, each of which must fail at once with the exception type
 * and a message that says what is wrong and where: there is no silent case. (Training misuses are
 * in the model tests.) Budget: ~1 s.
 */
class MisuseTest {

    @TempDir
    static Path dir;

    private record Misuse(String what, Class<? extends Throwable> type, String says, Executable action) {
    }

    @TestFactory
    Stream<DynamicTest> everyMisuseFailsClearly() throws IOException {
        Path model = dir.resolve("model.safetensors");
        compiled().save(model);
        Path text = Files.writeString(dir.resolve("data.csv"), "1,2,a\n3,4,b\n");
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        Path plainFile = Files.writeString(dir.resolve("plain"), "x");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        List<Misuse> cases = List.of(
                // I/O
                new Misuse("load a folder", IOException.class, folder + ": is a directory", () -> Sequential.load(folder)),
                new Misuse("load an empty file", ModelFormatException.class, "truncated: the file has 0 bytes",
                        () -> Sequential.load(empty)),
                new Misuse("load a CSV file", ModelFormatException.class, "wrong header length", () -> Sequential.load(text)),
                new Misuse("load null", IllegalArgumentException.class, "load needs a file", () -> Sequential.load(null)),
                new Misuse("load with no checksum rule", IllegalArgumentException.class, "a checksum rule",
                        () -> ModelFiles.load(model, null)),
                new Misuse("save under a regular file", IOException.class, plainFile + " is a file, not a folder",
                        () -> compiled().save(plainFile.resolve("m.safetensors"))),
                new Misuse("save over a folder", IOException.class, "is a directory, not a file", () -> compiled().save(folder)),
                new Misuse("save into a missing folder", IOException.class, "does not exist",
                        () -> compiled().save(dir.resolve("no/such/m.safetensors"))),
                new Misuse("save an uncompiled model", IllegalStateException.class, "compile",
                        () -> new Sequential(new Dense(2).inputDim(2)).save(dir.resolve("u.safetensors"))),
                // configs
                new Misuse("a typo in a layer config", IllegalArgumentException.class, "unknown key 'activaton'",
                        () -> Layers.create("dense", Map.of("units", 4, "activaton", "relu"))),
                new Misuse("a layer config without a required key", IllegalArgumentException.class,
                        "missing the required key 'units'", () -> Layers.create("dense", Map.of("activation", "relu"))),
                new Misuse("settings for a loss that has none", IllegalArgumentException.class, "unknown key 'delta'",
                        () -> Losses.get("mse").withConfig(Map.of("delta", 1.0))),
                new Misuse("an optimizer value out of range", IllegalArgumentException.class, "momentum must be in [0, 1)",
                        () -> Optimizers.get("sgd").withConfig(Map.of("momentum", 1.5))),
                new Misuse("a whole number as text", IllegalArgumentException.class, "must be a whole number",
                        () -> Layers.create("dense", Map.of("units", "4"))),
                new Misuse("a dropout rate that rounds to 1", IllegalArgumentException.class, "after rounding to float",
                        () -> new Dropout(0.99999999)),
                // sizes
                new Misuse("a layer with more weights than an array holds", IllegalArgumentException.class,
                        "more values than a Java array holds", () -> {
                            Sequential m = new Sequential(new Dense(100_000).inputDim(100_000));
                            m.compile("mse", "sgd");
                        }),
                new Misuse("predict with the wrong width", IllegalArgumentException.class, "has 3 values, expected 4",
                        () -> compiled().predict(new float[][] {{1, 2, 3}})),
                // CSV
                new Misuse("read a folder as CSV", CsvFormatException.class, folder + ", line 1, column 1: this is a directory",
                        () -> Csv.read(folder).load()),
                new Misuse("a quote as delimiter", IllegalArgumentException.class, "the delimiter must be",
                        () -> Csv.read(text).delimiter('"')),
                new Misuse("a feature column twice", IllegalArgumentException.class, "is chosen twice",
                        () -> Csv.read(text).features(1, 1)),
                new Misuse("a negative label column", IllegalArgumentException.class, "must be ≥ 0", () -> Csv.read(text).label(-1)),
                new Misuse("a label column past the end", CsvFormatException.class, "line 1, column 10: the label column does not exist",
                        () -> Csv.read(text).label(9).load()),
                new Misuse("a file of labels only", CsvFormatException.class, "no feature columns",
                        () -> csv("a\nb\n").label(0).load()),
                new Misuse("an empty CSV file", CsvFormatException.class, "the file holds no data rows", () -> csv("").load()),
                new Misuse("a header only", CsvFormatException.class, "the file holds no data rows",
                        () -> csv("a,b\n").header(true).load()),
                new Misuse("a Java float literal in a CSV", CsvFormatException.class, "'1f' is not a plain decimal number",
                        () -> csv("1f,2\n").load()));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.what(), () -> {
            Throwable t = assertThrows(c.type(), c.action(), c.what() + " must fail");
            assertTrue(t.getMessage() != null && t.getMessage().contains(c.says()),
                    () -> c.what() + ": '" + t.getMessage() + "' should say '" + c.says() + "'");
        }));
    }

    private static Sequential compiled() {
        Sequential m = new Sequential(new Dense(2).inputDim(4));
        m.compile("mse", "sgd");
        return m;
    }

    private static Csv csv(String text) {
        return Csv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "misuse.csv");
    }
}
