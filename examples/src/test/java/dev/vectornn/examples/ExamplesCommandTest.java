package dev.vectornn.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every subcommand runs through the real command line, as ./run-example runs it, and exits 0. */
class ExamplesCommandTest {

    private static int execute(Output out, String... args) {
        PrintStream saved = System.out;
        System.setOut(out.stream);
        try {
            return new CommandLine(new Examples()).execute(args);
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
        };
        for (String[] command : commands) {
            Output out = new Output();
            assertEquals(0, execute(out, command), String.join(" ", command) + " printed:\n" + out.text());
            assertTrue(!out.text().isBlank(), String.join(" ", command) + " printed nothing");
        }
    }

    @Test
    void unknownExampleIsAUsageError() {
        Output out = new Output();
        PrintStream savedErr = System.err;
        System.setErr(out.stream);
        try {
            assertEquals(2, new CommandLine(new Examples()).execute("no-such-example"));
        } finally {
            System.setErr(savedErr);
        }
        assertTrue(out.text().contains("no-such-example"), out.text());
    }
}
