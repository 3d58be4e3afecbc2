package dev.vectornn.examples;

import dev.vectornn.VectorNN;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code ./run-example NAME [options]}: the entry point of every example. */
@Command(name = "run-example", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs one of vectornn's examples.",
        subcommands = {Iris.class, IrisImproved.class, Softmax.class, Backprop.class,
                VanishingGradients.class, Examples.Describe.class,
                OnnxExport.class, OnnxRun.class,
                Diabetes.class, BreastCancer.class})
public final class Examples implements Callable<Integer> {

    /** {@code describe}: every provider of every SPI, and the backend that would be chosen. */
    @Command(name = "describe", mixinStandardHelpOptions = true, versionProvider = Version.class,
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
        return ErrorHandlers.USAGE;
    }

    /**
     * Parses {@code args}, runs the example they name and returns the exit code: 0 on success, 2 for
     * a bad option, 1 for a failure (see {@link ErrorHandlers}).
     *
     * <p>When the first argument names an example, only that example's command is built: picocli
     * reads a command's options by reflection, and its classes (Java 5 bytecode) cannot be kept in
     * the JVM's ahead-of-time cache, so building the other five would cost every start up to a
     * tenth of a second for nothing.
     */
    public static int run(String... args) {
        if (args.length > 0) {
            Object example = example(args[0]);
            if (example != null) {
                CommandLine command = new CommandLine(example).setCommandName("run-example " + args[0]);
                return ErrorHandlers.install(command).execute(Arrays.copyOfRange(args, 1, args.length));
            }
        }
        return ErrorHandlers.install(new CommandLine(new Examples())).execute(args);
    }

    /** A new instance of the example called {@code name}, or null if there is none. */
    private static Object example(String name) {
        for (Class<?> type : Examples.class.getAnnotation(Command.class).subcommands()) {
            if (type.getAnnotation(Command.class).name().equals(name)) {
                try {
                    var constructor = type.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    return constructor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot create the example " + name, e);
                }
            }
        }
        return null;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
