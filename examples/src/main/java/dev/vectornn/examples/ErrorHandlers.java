package dev.vectornn.examples;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How {@code ./run-example} reports what went wrong: a user's mistake (a bad option, a bad data
 * file, a file that cannot be written) is one line on stderr naming the command and the problem,
 * with no stack trace; exit code 2 for bad options, 1 for anything else. Only an unexpected
 * exception, which would be a bug, keeps its stack trace.
 */
final class ErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Exit code for a bad option or option value (picocli's and the shell's convention). */
    static final int USAGE = 2;
    /** Exit code for bad input or a failure while running. */
    static final int FAILURE = 1;

    /** Installs both handlers on {@code commandLine} and returns it. */
    static CommandLine install(CommandLine commandLine) {
        ErrorHandlers handlers = new ErrorHandlers();
        return commandLine.setParameterExceptionHandler(handlers).setExecutionExceptionHandler(handlers);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": " + oneLine(e.getMessage()) + " (see ./" + cmd.getCommandName() + " --help)");
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) throws Exception {
        if (e instanceof ParameterException p) {
            return handleParseException(p, parsed.originalArgs().toArray(new String[0]));
        }
        if (e instanceof UsageException) {
            return report(cmd, e, USAGE);
        }
        if (isUserError(e)) {
            return report(cmd, e, FAILURE);
        }
        throw e;
    }

    /**
     * Errors whose message says all a user needs: bad arguments or input (the library's
     * IllegalArgumentException, the CSV reader's format errors), a model used wrongly
     * (IllegalStateException), files (I/O), a diverging training run (non-finite loss).
     */
    static boolean isUserError(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof IOException || e instanceof UncheckedIOException || e instanceof ArithmeticException;
    }

    private static int report(CommandLine cmd, Exception e, int code) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": " + oneLine(e.getMessage()));
        err.flush();
        return code;
    }

    /** Multi-line library messages (a list of remedies) joined with "; " so the report stays one line. */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
