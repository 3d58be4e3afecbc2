package dev.vectornn.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked reading of a configuration map: what {@link dev.vectornn.layers.LayerType#create}, {@code Loss.withConfig}
 * and {@code Optimizer.withConfig} receive.
 *
 * <h2>Value types</h2>
 * A configuration holds JSON-like values. One that comes from a saved file holds exactly these:
 * whole numbers as {@link Long}, other numbers as {@link Double}, and {@link String},
 * {@link Boolean}, {@link List}, {@link Map} or {@code null}. One built in code may hold any
 * {@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link Float} or {@link Double}.
 * The getters here accept every one of them, so a plugin never casts: {@link #getInt} takes a
 * {@code Long} or an {@code Integer} (or a {@code Double} with no fraction) as long as it fits the
 * range asked for, and {@link #getDouble} takes any finite number.
 *
 * <h2>Errors</h2>
 * Every problem is an {@link IllegalArgumentException} whose message names the owner (e.g.
 * {@code "Dense config"}), the key, the value found (shortened to {@value #QUOTE_LIMIT}
 * characters) and what was expected. {@link #checkKeys} refuses keys the owner does not know,
 * so a typo such as {@code activaton} is an error rather than a silent default.
 *
 * <pre>{@code
 * ConfigMap c = ConfigMap.of("Huber config", config);
 * c.checkKeys("delta");
 * double delta = c.getDouble("delta", 1.0, Double.MIN_VALUE, Double.MAX_VALUE);
 * }</pre>
 *
 * <p>Instances are immutable views; the map given is copied.
 */
public final class ConfigMap {

    /** At most this many characters of a value are quoted in an error message. */
    public static final int QUOTE_LIMIT = 80;

    private final String owner;
    private final Map<String, Object> values;

    private ConfigMap(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = values;
    }

    /**
     * A checked view of {@code config}.
     *
     * @param owner what the config belongs to, for messages, e.g. {@code "Dense config"}
     * @throws IllegalArgumentException if {@code config} is null
     */
    public static ConfigMap of(String owner, Map<String, ?> config) {
        Objects.requireNonNull(owner, "owner");
        if (config == null) {
            throw new IllegalArgumentException(owner + " is null; expected a map of settings");
        }
        return new ConfigMap(owner, Collections.unmodifiableMap(new LinkedHashMap<>(config)));
    }

    /** The map, unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** True if {@code key} is present with a non-null value. */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /**
     * Fails if the map has a key outside {@code known}, naming it and listing the known ones.
     *
     * @return this, for chaining
     */
    public ConfigMap checkKeys(String... known) {
        Set<String> allowed = Set.of(known);
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(owner + " has the unknown key " + quote(key) + "; known keys: "
                        + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    /** The whole number at {@code key}, which must be present, in {@code [min, max]}. */
    public int getInt(String key, int min, int max) {
        return (int) wholeNumber(key, required(key), min, max);
    }

    /** The whole number at {@code key} in {@code [min, max]}, or {@code fallback} if absent. */
    public int getInt(String key, int fallback, int min, int max) {
        Object v = values.get(key);
        return v == null ? fallback : (int) wholeNumber(key, v, min, max);
    }

    /** The whole number at {@code key}, which must be present, in {@code [min, max]}. */
    public long getLong(String key, long min, long max) {
        return wholeNumber(key, required(key), min, max);
    }

    /** The whole number at {@code key} in {@code [min, max]}, or {@code fallback} if absent. */
    public long getLong(String key, long fallback, long min, long max) {
        Object v = values.get(key);
        return v == null ? fallback : wholeNumber(key, v, min, max);
    }

    /** The finite number at {@code key}, which must be present, in {@code [min, max]}. */
    public double getDouble(String key, double min, double max) {
        return number(key, required(key), min, max);
    }

    /** The finite number at {@code key} in {@code [min, max]}, or {@code fallback} if absent. */
    public double getDouble(String key, double fallback, double min, double max) {
        Object v = values.get(key);
        return v == null ? fallback : number(key, v, min, max);
    }

    /** The string at {@code key}, which must be present. */
    public String getString(String key) {
        return string(key, required(key));
    }

    /** The string at {@code key}, or {@code fallback} if absent. */
    public String getString(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : string(key, v);
    }

    /** The boolean at {@code key}, which must be present. */
    public boolean getBoolean(String key) {
        return bool(key, required(key));
    }

    /** The boolean at {@code key}, or {@code fallback} if absent. */
    public boolean getBoolean(String key, boolean fallback) {
        Object v = values.get(key);
        return v == null ? fallback : bool(key, v);
    }

    /** An {@link IllegalArgumentException} about {@code key}, in this map's style. */
    public IllegalArgumentException error(String key, String problem) {
        return new IllegalArgumentException(owner + " " + quote(key) + " " + problem);
    }

    /**
     * {@code value} as text of at most {@value #QUOTE_LIMIT} characters (strings in quotes), for
     * messages that must not echo a huge or hostile value whole.
     */
    public static String quote(Object value) {
        String s;
        if (value instanceof String) {
            s = "'" + value + "'";
        } else if (value instanceof float[]) {
            s = Arrays.toString((float[]) value);
        } else {
            s = String.valueOf(value);
        }
        return s.length() <= QUOTE_LIMIT ? s : s.substring(0, QUOTE_LIMIT) + "…(" + s.length() + " characters)";
    }

    private Object required(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(owner + " is missing the required key " + quote(key) + " (it has "
                    + quote(new TreeSet<>(values.keySet())) + ")");
        }
        return v;
    }

    private long wholeNumber(String key, Object v, long min, long max) {
        long n;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else if ((v instanceof Double || v instanceof Float) && isWhole(((Number) v).doubleValue())) {
            n = (long) ((Number) v).doubleValue();
        } else {
            throw error(key, "must be a whole number, got " + describe(v));
        }
        if (n < min || n > max) {
            throw error(key, "must be in [" + min + ", " + max + "], got " + n);
        }
        return n;
    }

    private static boolean isWhole(double d) {
        return d == Math.rint(d) && Math.abs(d) < 0x1p62;
    }

    private double number(String key, Object v, double min, double max) {
        if (!(v instanceof Number) || v instanceof java.math.BigDecimal || v instanceof java.math.BigInteger) {
            throw error(key, "must be a number, got " + describe(v));
        }
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
            throw error(key, "must be a finite number, got " + d);
        }
        if (d < min || d > max) {
            throw error(key, "must be in [" + min + ", " + max + "], got " + d);
        }
        return d;
    }

    private String string(String key, Object v) {
        if (!(v instanceof String)) {
            throw error(key, "must be a string, got " + describe(v));
        }
        return (String) v;
    }

    private boolean bool(String key, Object v) {
        if (!(v instanceof Boolean)) {
            throw error(key, "must be true or false, got " + describe(v));
        }
        return (Boolean) v;
    }

    private static String describe(Object v) {
        return quote(v) + " (" + v.getClass().getSimpleName() + ")";
    }

    @Override
    public String toString() {
        return owner + " " + quote(values);
    }
}
