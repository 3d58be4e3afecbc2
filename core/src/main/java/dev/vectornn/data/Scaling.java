package dev.vectornn.data;

/** Shape and value checks shared by the scalers. */
final class Scaling {
    private Scaling() {
    }

    static int columns(float[][] x, String where) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(where + " needs at least one row, got " + (x == null ? "null" : "0 rows"));
        }
        if (x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException(where + " needs at least one column; row 0 is "
                    + (x[0] == null ? "null" : "empty"));
        }
        int cols = x[0].length;
        checkWidth(x, cols, where);
        return cols;
    }

    static void checkWidth(float[][] x, int cols, String where) {
        if (x == null) {
            throw new IllegalArgumentException(where + ": the data is null; expected rows of " + cols + " values");
        }
        for (int r = 0; r < x.length; r++) {
            if (x[r] == null || x[r].length != cols) {
                throw new IllegalArgumentException(where + ": row " + r + " has "
                        + (x[r] == null ? "no" : String.valueOf(x[r].length)) + " values, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                if (!Float.isFinite(x[r][c])) {
                    throw new IllegalArgumentException(where + ": row " + r + " column " + c + " is " + x[r][c]);
                }
            }
        }
    }
}
