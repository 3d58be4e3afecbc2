package dev.vectornn.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to parsed JSON (see {@link Json}) that fails with a {@link ModelFormatException}
 * naming the file, the place in the document ({@code where}, e.g. {@code layers[1].config}) and
 * what was expected and found, instead of a {@code ClassCastException} or {@code NullPointerException}.
 */
final class JsonFields {

    private final Path file;

    JsonFields(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    ModelFormatException error(String problem) {
        return ModelFormatException.in(file, problem);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object value, String where) throws ModelFormatException {
        if (!(value instanceof Map<?, ?> m)) {
            throw error(where + " must be a JSON object, found " + describe(value));
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Object value, String where) throws ModelFormatException {
        if (!(value instanceof List<?> l)) {
            throw error(where + " must be a JSON array, found " + describe(value));
        }
        return (List<Object>) l;
    }

    Object required(Map<String, Object> object, String key, String where) throws ModelFormatException {
        if (!object.containsKey(key)) {
            throw error(where + " has no \"" + key + "\" (it has " + new TreeSet<>(object.keySet()) + ")");
        }
        return object.get(key);
    }

    Map<String, Object> object(Map<String, Object> object, String key, String where) throws ModelFormatException {
        return object(required(object, key, where), where + "." + key);
    }

    List<Object> list(Map<String, Object> object, String key, String where) throws ModelFormatException {
        return list(required(object, key, where), where + "." + key);
    }

    String string(Object value, String where) throws ModelFormatException {
        if (!(value instanceof String s)) {
            throw error(where + " must be a string, found " + describe(value));
        }
        return s;
    }

    String string(Map<String, Object> object, String key, String where) throws ModelFormatException {
        return string(required(object, key, where), where + "." + key);
    }

    long integer(Object value, String where) throws ModelFormatException {
        if (!(value instanceof Long l)) {
            throw error(where + " must be a whole number, found " + describe(value));
        }
        return l;
    }

    long integer(Map<String, Object> object, String key, String where) throws ModelFormatException {
        return integer(required(object, key, where), where + "." + key);
    }

    /** A whole number in {@code [min, max]}. */
    long integer(Object value, long min, long max, String where) throws ModelFormatException {
        long v = integer(value, where);
        if (v < min || v > max) {
            throw error(where + " is " + v + ", expected a whole number in [" + min + ", " + max + "]");
        }
        return v;
    }

    /** Fails if {@code object} has a key outside {@code allowed}: a sign of a corrupted or foreign file. */
    void onlyKeys(Map<String, Object> object, Set<String> allowed, String where) throws ModelFormatException {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                throw error(where + " has the unexpected key \"" + key + "\"; expected only " + new TreeSet<>(allowed));
            }
        }
    }

    static String describe(Object value) {
        // An if-chain rather than a pattern switch: core compiles to Java 17.
        if (value == null) {
            return "null";
        } else if (value instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        } else if (value instanceof Map<?, ?>) {
            return "an object";
        } else if (value instanceof List<?>) {
            return "an array";
        } else if (value instanceof Boolean b) {
            return b.toString();
        }
        return "the number " + value;
    }
}
