package dev.vectornn.models;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * The two pieces of Python's number formatting that Keras' file names and CSV logs show:
 * {@code str(float)} ({@link #repr}) and {@code str.format} fields such as {@code {epoch:02d}} or
 * {@code {val_loss:.4f}} ({@link #format}), so names and logs read as they do in Keras.
 */
final class PythonFormat {
    private PythonFormat() {
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back as {@code v}, positional
     * for exponents -4 to 15 ({@code 0.0001}, {@code 1234.5}, {@code 1.0}), scientific otherwise
     * ({@code 1e-05}, {@code 1.5e+16}); {@code nan}, {@code inf}, {@code -inf}.
     */
    static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest digits that round-trip; only the layout differs from Python.
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        String plain = d.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /**
     * Fills the {@code {name}} and {@code {name:spec}} fields of {@code pattern} from
     * {@code values}, as Python's {@code pattern.format(**values)}; {@code {{} and {@code }}} are
     * literal braces. A spec is {@code [0][width][.precision]type} with type {@code d}, {@code f},
     * {@code e}, {@code g} or {@code %}, or empty ({@code str} of the value).
     *
     * @param owner named in messages
     * @throws IllegalArgumentException for a field not in {@code values} (listing them), an
     *                                  unclosed brace or a spec outside that subset
     */
    static String format(String owner, String pattern, Map<String, ? extends Number> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int close = pattern.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException(owner + ": unclosed '{' at position " + i + " of \"" + pattern + "\"");
                }
                String field = pattern.substring(i + 1, close);
                int colon = field.indexOf(':');
                String name = colon < 0 ? field : field.substring(0, colon);
                String spec = colon < 0 ? "" : field.substring(colon + 1);
                Number value = values.get(name);
                if (value == null) {
                    throw new IllegalArgumentException(owner + ": \"" + pattern + "\" names {" + name + "}, which is not among "
                            + values.keySet());
                }
                out.append(field(owner, pattern, value, spec));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String field(String owner, String pattern, Number value, String spec) {
        boolean integral = value instanceof Integer || value instanceof Long;
        if (spec.isEmpty()) {
            return integral ? value.toString() : repr(value.doubleValue());
        }
        if (!spec.matches("0?\\d*(\\.\\d+)?[dfeEgG%]")) {
            throw new IllegalArgumentException(owner + ": the format spec ':" + spec + "' in \"" + pattern
                    + "\" is not supported; use [0][width][.precision] and one of d, f, e, g, %");
        }
        char type = spec.charAt(spec.length() - 1);
        String flags = spec.substring(0, spec.length() - 1);
        if (type == 'd') {
            if (!integral || flags.contains(".")) {
                throw new IllegalArgumentException(owner + ": ':" + spec + "' in \"" + pattern + "\" formats an integer, but the value is "
                        + value);
            }
            return String.format(Locale.ROOT, "%" + flags + "d", value.longValue());
        }
        double v = value.doubleValue();
        if (type == '%') {
            return String.format(Locale.ROOT, "%" + (flags.contains(".") ? flags : flags + ".6") + "f", v * 100) + "%";
        }
        String precision = flags.contains(".") ? "" : ".6";
        String s = String.format(Locale.ROOT, "%" + flags + precision + type, v);
        // Python writes exponents with at least two digits, as Java does; g drops trailing zeros, Java's %g does not.
        return (type == 'g' || type == 'G') ? trimG(s) : s;
    }

    private static String trimG(String s) {
        int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exp = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exp;
    }
}
