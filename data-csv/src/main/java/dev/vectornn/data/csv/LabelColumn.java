package dev.vectornn.data.csv;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The label column of a read: each distinct label once, and one code per row that indexes it. A
 * code is a byte while there are at most 256 distinct labels (the usual case: a few classes) and an
 * int beyond, so a row's label costs one byte, not a four-byte reference. Codes live in fixed
 * chunks that are never copied as the column grows.
 *
 * <p>The list is unmodifiable once the read has returned it: only the reader appends.
 */
final class LabelColumn extends AbstractList<String> implements RandomAccess {

    private static final int SHIFT = 14;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final int BYTE_CODES = 256;

    private final List<String> distinct = new ArrayList<>();
    private final Map<String, Integer> codes = new HashMap<>();
    private byte[][] byteChunks = new byte[16][];
    /** Null until the 257th distinct label; then every code is here and {@code byteChunks} is gone. */
    private int[][] intChunks;
    private int size;

    /** The code of {@code label}, which becomes a new distinct label if it was not seen before. */
    int codeOf(String label) {
        Integer code = codes.get(label);
        if (code != null) {
            return code;
        }
        int next = distinct.size();
        distinct.add(label);
        codes.put(label, next);
        if (next == BYTE_CODES) {
            widen();
        }
        return next;
    }

    /** How many distinct labels there are so far. */
    int distinctCount() {
        return distinct.size();
    }

    /** Appends a row's label by its code from {@link #codeOf}. */
    void addCode(int code) {
        int chunk = size >>> SHIFT;
        if (intChunks == null) {
            if (chunk == byteChunks.length) {
                byteChunks = Arrays.copyOf(byteChunks, chunk * 2);
            }
            if (byteChunks[chunk] == null) {
                byteChunks[chunk] = new byte[CHUNK];
            }
            byteChunks[chunk][size & MASK] = (byte) code;
        } else {
            if (chunk == intChunks.length) {
                intChunks = Arrays.copyOf(intChunks, chunk * 2);
            }
            if (intChunks[chunk] == null) {
                intChunks[chunk] = new int[CHUNK];
            }
            intChunks[chunk][size & MASK] = code;
        }
        size++;
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("label index " + index + " is outside 0.." + (size - 1));
        }
        int code = intChunks == null ? byteChunks[index >>> SHIFT][index & MASK] & 0xFF
                : intChunks[index >>> SHIFT][index & MASK];
        return distinct.get(code);
    }

    @Override
    public int size() {
        return size;
    }

    /** From byte codes to int codes, once: a byte can no longer name every label. */
    private void widen() {
        intChunks = new int[byteChunks.length][];
        for (int c = 0; c < byteChunks.length && byteChunks[c] != null; c++) { // chunks fill in order
            int[] wide = new int[CHUNK];
            for (int i = 0; i < CHUNK; i++) {
                wide[i] = byteChunks[c][i] & 0xFF;
            }
            intChunks[c] = wide;
            byteChunks[c] = null; // let each chunk go once widened, so the byte and int codes are not both kept
        }
        byteChunks = null;
    }
}
