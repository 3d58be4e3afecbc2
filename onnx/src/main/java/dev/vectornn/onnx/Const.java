package dev.vectornn.onnx;

import java.util.Arrays;

/**
 * A tensor whose value is known when the graph is read: an initializer, a {@code Constant} node, or
 * what folding computed. Float tensors keep {@code floats}, integer tensors {@code ints}; in an
 * integer tensor that holds a shape, {@link #BATCH} stands for the model's dynamic batch size.
 *
 * @param shape the dimensions (empty for a scalar)
 */
record Const(long[] shape, float[] floats, long[] ints) {

    /** The batch size, unknown until run time, as an element of a shape tensor. */
    static final long BATCH = Long.MIN_VALUE;

    static Const ofFloats(long[] shape, float[] values) {
        return new Const(shape, values, null);
    }

    static Const ofInts(long[] shape, long[] values) {
        return new Const(shape, null, values);
    }

    boolean isFloat() {
        return floats != null;
    }

    int size() {
        return isFloat() ? floats.length : ints.length;
    }

    int rank() {
        return shape.length;
    }

    Const reshaped(long[] newShape) {
        return new Const(newShape, floats, ints);
    }

    /** The values as floats (integers converted), for a float parameter given as an integer tensor. */
    float[] asFloats() {
        if (isFloat()) {
            return floats;
        }
        float[] f = new float[ints.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) ints[i];
        }
        return f;
    }

    String describe() {
        return (isFloat() ? "float" : "integer") + " tensor of shape " + Arrays.toString(shape);
    }
}
