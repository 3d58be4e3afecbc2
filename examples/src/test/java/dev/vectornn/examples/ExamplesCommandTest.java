package dev.vectornn.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every subcommand runs through the real command line, as ./run-example runs it, and exits 0. */
class ExamplesCommandTest {

    private static int execute(Output out, String... args) {
        PrintStream saved = System.out;
        System.setOut(out.stream);
        try {
            return Examples.run(args);
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void everyExampleExitsZero(@TempDir Path dir) {
        String[][] commands = {
                {"iris", "--epochs", "2", "--seed", "1"},
                {"iris-improved", "--epochs", "3", "--quiet"},
                {"softmax"},
                {"backprop"},
                {"vanishing-gradients", "--epochs", "2", "--chart", dir.resolve("vg.png").toString()},
                {"describe"},
                {"diabetes", "--epochs", "2", "--quiet"},
                {"breast-cancer", "--epochs", "2", "--quiet", "--checkpoint-dir", dir.resolve("bc").toString()},
        };
        for (String[] command : commands) {
            Output out = new Output();
            assertEquals(0, execute(out, command), String.join(" ", command) + " printed:\n" + out.text());
            assertTrue(!out.text().isBlank(), String.join(" ", command) + " printed nothing");
        }
    }

    /** Runs a command with stderr captured; returns "exit code|stderr". */
    private static String failing(String... args) {
        Output err = new Output();
        Output out = new Output();
        PrintStream savedErr = System.err;
        PrintStream savedOut = System.out;
        System.setErr(err.stream);
        System.setOut(out.stream);
        try {
            return Examples.run(args) + "|" + err.text();
        } finally {
            System.setErr(savedErr);
            System.setOut(savedOut);
        }
    }

    private static void assertOneLine(String expectedCodeAndStart, String result) {
        assertTrue(result.startsWith(expectedCodeAndStart), result);
        assertEquals(1, result.strip().lines().count(), "one line, no stack trace: " + result);
        assertFalse(result.contains("\tat "), result);
    }

    @Test
    void unknownExampleIsAUsageError() {
        String result = failing("no-such-example");
        assertOneLine("2|run-example: Unmatched argument at index 0: 'no-such-example'", result);
    }

    @Test
    void badOptionValuesAreOneLineWithExitCodeTwo() {
        assertOneLine("2|run-example iris: Invalid value for option '--epochs': 'abc' is not an int", failing("iris", "--epochs", "abc"));
        assertOneLine("2|run-example iris: --seed must be a whole number or 'random', got 'x'", failing("iris", "--seed", "x"));
        assertOneLine("2|run-example iris: --loss: Unknown loss 'focal'", failing("iris", "--loss", "focal"));
        assertOneLine("2|run-example iris: --optimizer: Unknown optimizer 'nope'", failing("iris", "--optimizer", "nope"));
        assertOneLine("2|run-example iris: --backend: Unknown backend 'nope'", failing("iris", "--backend", "nope"));
        assertOneLine("2|run-example iris: --batch-size must be at least 1, got 0", failing("iris", "--batch-size", "0"));
        assertOneLine("2|run-example iris-improved: --validation-fraction must be between 0 and 1 (exclusive), got 0.0",
                failing("iris-improved", "--validation-fraction", "0"));
        assertOneLine("2|run-example iris-improved: --test-fraction must be between 0 and 1 (exclusive), got 1.5",
                failing("iris-improved", "--test-fraction", "1.5"));
        assertOneLine("2|run-example diabetes: --loss: Unknown loss 'nope'", failing("diabetes", "--loss", "nope"));
        assertOneLine("2|run-example breast-cancer: --threshold must be between 0 and 1 (exclusive), got 1.5",
                failing("breast-cancer", "--threshold", "1.5"));
        assertOneLine("2|run-example breast-cancer: --patience must be at least 0, got -1", failing("breast-cancer", "--patience", "-1"));
        assertOneLine("2|run-example breast-cancer: --weight-decay must be a number ≥ 0, got -1.0", failing("breast-cancer", "--weight-decay", "-1"));
    }

    @Test
    void aBadDataFileNamesFileLineAndColumnWithExitCodeOne(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "5.1,3.5,1.4,0.2,setosa\n5.0,abc,1.4,0.2,setosa\n");
        String result = failing("iris", "--data", bad.toString());
        assertOneLine("1|run-example iris: " + bad + ", line 2, column 2", result);
    }

    @Test
    void everyOptimizerThatHelpOffersTrains() {
        // Every optimizer found is named in --help (so the text cannot fall behind the registry) and trains.
        Output help = new Output();
        assertEquals(0, execute(help, "iris", "--help"), help.text());
        for (String optimizer : dev.vectornn.optimizers.Optimizers.names()) {
            assertTrue(help.text().contains(" " + optimizer + ",") || help.text().contains(" " + optimizer + " "),
                    "--help does not offer " + optimizer + ":\n" + help.text());
            Output out = new Output();
            assertEquals(0, execute(out, "iris", "--epochs", "2", "--quiet", "--optimizer", optimizer), optimizer + ":\n" + out.text());
        }
    }

    @Test
    void everyLossThatHelpOffersTrains() {
        for (String loss : new String[] {"mean_squared_error", "categorical_crossentropy", "sparse_categorical_crossentropy"}) {
            Output out = new Output();
            assertEquals(0, execute(out, "iris", "--epochs", "3", "--quiet", "--loss", loss), loss + ":\n" + out.text());
            assertTrue(out.text().contains("Accuracy: "), out.text());
        }
    }

    @Test
    void versionNamesVectornnAndItsVersion() {
        Output out = new Output();
        assertEquals(0, execute(out, "--version"));
        assertTrue(out.text().startsWith("vectornn "), out.text());
        Output iris = new Output();
        assertEquals(0, execute(iris, "iris", "--version"));
        assertEquals(out.text(), iris.text());
    }
}
