package dev.vectornn.examples;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * The lecture's maths (η, σ, Σ, ½, −, ², ·, δ) where the terminal can show it, and readable ASCII
 * where it cannot: under {@code LANG=C}, in many containers and CI logs, standard output is
 * US-ASCII and each of those characters would print as {@code ?}.
 */
final class PlainText {

    /** Each maths character the examples print, and what stands for it in ASCII. */
    private static final Map<Character, String> ASCII = Map.of(
            'η', "eta", 'σ', "sigmoid", 'Σ', "sum", '½', "1/2", '−', "-",
            '²', "^2", '·', "*", 'δ', "delta");

    private PlainText() {
    }

    /** {@code System.out}, or a stream that writes the maths in ASCII if its charset lacks it. */
    static PrintStream stdout() {
        return forCharset(System.out, System.out.charset());
    }

    /** {@code out} itself if {@code charset} encodes every maths character, else an ASCII-writing stream over it. */
    static PrintStream forCharset(PrintStream out, Charset charset) {
        StringBuilder all = new StringBuilder();
        ASCII.keySet().forEach(all::append);
        if (charset.newEncoder().canEncode(all)) {
            return out;
        }
        return new PrintStream((OutputStream) out, true, charset) {
            @Override
            public void print(String s) {
                super.print(ascii(s));
            }

            @Override
            public void print(char c) {
                print(String.valueOf(c));
            }
        };
    }

    /** {@code text} with every maths character replaced by its ASCII stand-in. */
    static String ascii(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String plain = ASCII.get(c);
            if (plain == null) {
                sb.append(c);
            } else {
                sb.append(plain);
            }
        }
        return sb.toString();
    }
}
