package dev.vectornn.examples;

import dev.vectornn.VectorNN;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ./run-example NAME [options]}: the entry point of every example. */
@Command(name = "run-example", mixinStandardHelpOptions = true,
        description = "Runs one of vectornn's examples.",
        subcommands = {Iris.class, IrisImproved.class, Softmax.class, Backprop.class,
                VanishingGradients.class, Examples.Describe.class,
                OnnxExport.class, OnnxRun.class})
public final class Examples implements Callable<Integer> {

    /** {@code describe}: every provider of every SPI, and the backend that would be chosen. */
    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Lists every backend, layer, loss and optimizer provider found, and the backend in use.")
    static final class Describe implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(VectorNN.describe());
            return 0;
        }
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Examples()).execute(args));
    }
}
