package dev.vectornn.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a Spark SQL {@link Dataset} into the rows {@link SparkTrainer} trains on: for each record,
 * the values of the feature columns, in order, then those of the label columns, as one
 * {@code float[]}.
 *
 * <p>A column may be numeric (one value) or an array of numbers (its values in order, e.g. an
 * embedding or a one-hot target). An ML {@code Vector} column can be turned into an array first
 * with {@code org.apache.spark.ml.functions.vector_to_array}.
 */
public final class SparkRows {

    private SparkRows() {
    }

    /**
     * The rows of {@code data}: {@code featureColumns}' values then {@code labelColumns}'.
     *
     * @throws IllegalArgumentException naming the column if one is missing or neither numeric nor
     *                                  an array of numbers
     */
    public static JavaRDD<float[]> of(Dataset<Row> data, List<String> featureColumns, List<String> labelColumns) {
        Objects.requireNonNull(data, "data");
        if (featureColumns.isEmpty() || labelColumns.isEmpty()) {
            throw new IllegalArgumentException("Give at least one feature column and one label column (got "
                    + featureColumns + " and " + labelColumns + ")");
        }
        List<String> columns = new ArrayList<>(featureColumns);
        columns.addAll(labelColumns);
        StructType schema = data.schema();
        int[] indices = new int[columns.size()];
        boolean[] arrays = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            int at;
            try {
                at = schema.fieldIndex(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Column '" + c + "' is not in the data; its columns are "
                        + List.of(schema.fieldNames()), e);
            }
            StructField field = schema.fields()[at];
            DataType type = field.dataType();
            if (type instanceof ArrayType a && a.elementType() instanceof NumericType) {
                arrays[i] = true;
            } else if (!(type instanceof NumericType)) {
                throw new IllegalArgumentException("Column '" + c + "' has type " + type.simpleString()
                        + "; features and labels must be numeric or arrays of numbers");
            }
            indices[i] = at;
        }
        return data.javaRDD().map(new ToFloats(indices, arrays, columns.toArray(String[]::new)));
    }

    private static final class ToFloats implements Function<Row, float[]> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final int[] indices;
        private final boolean[] arrays;
        private final String[] names;

        ToFloats(int[] indices, boolean[] arrays, String[] names) {
            this.indices = indices;
            this.arrays = arrays;
            this.names = names;
        }

        @Override
        public float[] call(Row row) {
            int width = 0;
            for (int i = 0; i < indices.length; i++) {
                requirePresent(row, i);
                width += arrays[i] ? row.getList(indices[i]).size() : 1;
            }
            float[] out = new float[width];
            int at = 0;
            for (int i = 0; i < indices.length; i++) {
                if (arrays[i]) {
                    for (Object v : row.getList(indices[i])) {
                        if (v == null) {
                            throw new IllegalArgumentException("Column '" + names[i] + "' holds an array with a null in " + row);
                        }
                        out[at++] = ((Number) v).floatValue();
                    }
                } else {
                    out[at++] = ((Number) row.get(indices[i])).floatValue();
                }
            }
            return out;
        }

        private void requirePresent(Row row, int i) {
            if (row.isNullAt(indices[i])) {
                throw new IllegalArgumentException("Column '" + names[i] + "' is null in " + row);
            }
        }
    }
}
