package dev.vectornn.models;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * What the text that {@code fit} and {@code summary} draw may use: the characters the output
 * stream's charset can encode (a terminal under {@code LANG=C} or a container without a locale is
 * US-ASCII, where the box-drawing characters would print as {@code ?}), and the terminal's width.
 */
final class TerminalText {

    /** The width assumed when nothing says the terminal's own. */
    static final int DEFAULT_WIDTH = 80;

    /** The characters of the progress bar and the summary table's frame. */
    private static final String GLYPHS = "━╺┏┳┓┃┡╇┩│├┼┤└┴┘─";

    /** {@code PrintStream.charset()}, public since Java 18; core compiles for 17, so looked up once. */
    private static final MethodHandle CHARSET = charsetMethod();

    private TerminalText() {
    }

    private static MethodHandle charsetMethod() {
        try {
            return MethodHandles.publicLookup().findVirtual(PrintStream.class, "charset", MethodType.methodType(Charset.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** The charset {@code out} encodes text with, as well as this JVM can tell. */
    static Charset charset(PrintStream out) {
        if (CHARSET != null) {
            try {
                return (Charset) CHARSET.invoke(out);
            } catch (Throwable e) {
                // Not expected from a getter; fall through to the properties below.
            }
        }
        String name = out == System.out ? System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding")) : null;
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** Whether the box-drawing characters of the bar and the table can be written to {@code out}. */
    static boolean unicode(PrintStream out) {
        return unicode(charset(out));
    }

    static boolean unicode(Charset charset) {
        return charset.canEncode() && charset.newEncoder().canEncode(GLYPHS);
    }

    /** The terminal's width in columns: the environment's {@code COLUMNS}, else {@link #DEFAULT_WIDTH}. */
    static int width() {
        return width(System.getenv());
    }

    static int width(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                int w = Integer.parseInt(columns.strip());
                if (w > 0) {
                    return w;
                }
            } catch (NumberFormatException e) {
                // A malformed COLUMNS says nothing: use the default.
            }
        }
        return DEFAULT_WIDTH;
    }
}
