package dev.vectornn.io;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;

/**
 * A model file that cannot be read: truncated, corrupted, not a vectornn model, or describing a
 * model this runtime cannot rebuild (an unknown layer type, loss or optimizer; tensors whose shapes
 * do not fit the architecture). The message names the file and what is wrong with it.
 *
 * <p>This is the only exception {@link ModelFiles#load} throws for a bad file's <em>contents</em>;
 * it is an {@link IOException}, so one {@code catch (IOException e)} covers both a bad file and a
 * failing disk, while {@code catch (ModelFormatException e)} tells them apart.
 */
public class ModelFormatException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A bad file with a message saying what is wrong. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** A bad file, with the lower-level exception that revealed it. */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Longer problem texts are cut: a hostile file must not produce a message of megabytes. */
    static final int MAX_PROBLEM_CHARS = 2000;

    /** The message {@code "<file>: <problem>"}. */
    static ModelFormatException in(Path file, String problem) {
        return new ModelFormatException(file + ": " + cut(problem));
    }

    /** The message {@code "<file>: <problem>"}, with a cause. */
    static ModelFormatException in(Path file, String problem, Throwable cause) {
        return new ModelFormatException(file + ": " + cut(problem), cause);
    }

    private static String cut(String problem) {
        return problem.length() <= MAX_PROBLEM_CHARS ? problem
                : problem.substring(0, MAX_PROBLEM_CHARS) + "…(" + problem.length() + " characters)";
    }
}
