package dev.vectornn.models;

/** Validates user arrays at the API's edge and packs them into flat row-major buffers. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Packs {@code rows} into a flat array, checking that every row has {@code width} values and
     * all are finite. {@code what} names the argument in messages, e.g. "x".
     */
    static float[] flatten(float[][] rows, int width, String what) {
        if (rows == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        long size = (long) rows.length * width;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " has shape [" + rows.length + ", " + width + "]: " + size
                    + " values, more than one call takes (2^31 - 9); pass fewer rows at a time");
        }
        float[] flat = new float[(int) size];
        copyInto(rows, width, what, flat);
        return flat;
    }

    /** As {@link #flatten}, into {@code flat}, which must hold {@code rows.length × width} floats. Allocates nothing. */
    static void copyInto(float[][] rows, int width, String what, float[] flat) {
        for (int r = 0; r < rows.length; r++) {
            float[] row = rows[r];
            if (row == null) {
                throw new IllegalArgumentException(what + " row " + r + " is null");
            }
            if (row.length != width) {
                throw new IllegalArgumentException(what + " row " + r + " has " + row.length + " values, expected "
                        + width + " (" + what + " has shape [" + rows.length + ", " + width + "] expected)");
            }
            for (int c = 0; c < width; c++) {
                float v = row[c];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(what + " row " + r + " column " + c + " is " + v
                            + ": inputs and targets must be finite numbers");
                }
            }
            System.arraycopy(row, 0, flat, r * width, width);
        }
    }

    /** The shape of a 2-D array as {@code [rows, cols]} for messages (cols of the first row). */
    static String shape(float[][] a) {
        if (a == null) {
            return "null";
        }
        return "[" + a.length + ", " + (a.length == 0 || a[0] == null ? "?" : a[0].length) + "]";
    }
}
