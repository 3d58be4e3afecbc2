package dev.vectornn.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JSON-like Java values into JSON text and back, on Jackson's streaming API.
 *
 * <p>The values are those of a layer's or optimizer's {@code config()}: {@code Map<String, ?>}
 * (insertion order kept), {@code List<?>}, {@code String}, {@code Boolean}, {@code null}, and
 * numbers. Whole numbers are written and read back as {@code Long}, others as {@code Double}
 * (written with the shortest text that reads back to the same double), so a round trip is exact.
 *
 * <p>Parsing is strict and bounded, because it reads files from outside: duplicate keys, trailing
 * text, nesting deeper than {@value #MAX_DEPTH}, non-finite or out-of-range numbers and malformed
 * UTF-8 are each a {@link ModelFormatException} naming the file and the position.
 */
final class Json {

    /** Deeper nesting than this is certainly not a model description. */
    static final int MAX_DEPTH = 64;

    /**
     * More tokens than this in one document is a hostile file, not a model: it bounds the memory
     * a parse takes (a header of 100 MiB of empty objects would otherwise need gigabytes).
     */
    static final long MAX_TOKENS = 500_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxTokenCount(MAX_TOKENS).build())
            .build();

    private Json() {
    }

    /**
     * The JSON text of {@code value}.
     *
     * @throws IllegalArgumentException for a value that is not JSON-like (naming its type) or a
     *                                  non-finite number; {@code where} says whose value it is
     */
    static String write(Object value, String where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            writeValue(g, value, where);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory failed", e); // cannot happen with a byte array
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeValue(JsonGenerator g, Object v, String where) throws IOException {
        // An if-chain rather than a pattern switch: core compiles to Java 17.
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Float || v instanceof Double) {
            writeDouble(g, ((Number) v).doubleValue(), where);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(where + ": map keys must be strings, got " + e.getKey());
                }
                g.writeFieldName(key);
                writeValue(g, e.getValue(), where + "." + key);
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (int i = 0; i < list.size(); i++) {
                writeValue(g, list.get(i), where + "[" + i + "]");
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException(where + " is a " + v.getClass().getName()
                    + "; a saved configuration holds only String, Number, Boolean, List and Map values");
        }
    }

    private static void writeDouble(JsonGenerator g, double d, String where) throws IOException {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(where + " is " + d + "; JSON has no non-finite numbers");
        }
        g.writeNumber(d);
    }

    /**
     * Parses one JSON value from {@code text}.
     *
     * @param file where the text came from, for messages
     * @param what what the text is, for messages (e.g. "the header")
     */
    static Object parse(byte[] text, Path file, String what) throws ModelFormatException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw ModelFormatException.in(file, what + " is empty: expected a JSON value");
            }
            Object value = readValue(p, file, what);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw ModelFormatException.in(file, what + " has text after its JSON value, at "
                        + p.currentLocation().offsetDescription());
            }
            return value;
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            // JsonParseException, StreamConstraintsException, CharConversionException (bad UTF-8) ...
            throw ModelFormatException.in(file, what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses {@code text}, a JSON document held in a string (a metadata value). */
    static Object parse(String text, Path file, String what) throws ModelFormatException {
        return parse(text.getBytes(StandardCharsets.UTF_8), file, what);
    }

    private static Object readValue(JsonParser p, Path file, String what) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, readValue(p, file, what));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p, file, what));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw ModelFormatException.in(file, what + " has the number " + p.getText()
                            + ", which does not fit a 64-bit integer, at " + p.currentLocation().offsetDescription());
                }
                yield p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw ModelFormatException.in(file, what + " has the number " + p.getText()
                            + ", which is out of range, at " + p.currentLocation().offsetDescription());
                }
                yield d;
            }
            default -> throw ModelFormatException.in(file, what + " has an unexpected " + t + " at "
                    + p.currentLocation().offsetDescription());
        };
    }
}
