package dev.vectornn.onnx;

import dev.vectornn.io.ModelFormatException;

import java.util.Arrays;

/**
 * The shape arithmetic exporters emit around a reshape, computed when the graph is read: every
 * operation here takes and returns {@link Const} tensors (a shape may hold {@link Const#BATCH}).
 * A budget caps the values all folding together may create, so a hostile graph (a chain of
 * doubling {@code Concat}s) fails instead of exhausting memory.
 */
final class Folding {

    /** At most this many values are created by folding in one graph. */
    static final long BUDGET = 1L << 25;

    private long left = BUDGET;

    private void spend(long n, String where) throws ModelFormatException {
        left -= n;
        if (left < 0) {
            throw new ModelFormatException(where + ": constant folding would create more than " + BUDGET
                    + " values; this is not the shape arithmetic of a feed-forward model");
        }
    }

    static long normalizeAxis(long axis, int rank, String where) throws ModelFormatException {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ModelFormatException(where + " has axis " + axis + " for a tensor of rank " + rank);
        }
        return a;
    }

    Const gather(Const data, Const indices, long axis, String where) throws ModelFormatException {
        if (data.rank() != 1) {
            throw new ModelFormatException(where + " gathers from a " + data.describe()
                    + "; vectornn folds Gather only on 1-D tensors (shapes)");
        }
        normalizeAxis(axis, 1, where);
        if (indices.isFloat()) {
            throw new ModelFormatException(where + " has float indices");
        }
        spend(indices.size(), where);
        int n = data.size();
        long[] picked = new long[indices.size()];
        float[] pickedF = new float[data.isFloat() ? indices.size() : 0];
        for (int i = 0; i < picked.length; i++) {
            long k = indices.ints()[i];
            long j = k < 0 ? k + n : k;
            if (j < 0 || j >= n) {
                throw new ModelFormatException(where + " has index " + k + " for a tensor of " + n + " values");
            }
            if (data.isFloat()) {
                pickedF[i] = data.floats()[(int) j];
            } else {
                picked[i] = data.ints()[(int) j];
            }
        }
        return data.isFloat() ? Const.ofFloats(indices.shape(), pickedF) : Const.ofInts(indices.shape(), picked);
    }

    static Const unsqueeze(Const x, long[] axes, String where) throws ModelFormatException {
        int rank = x.rank() + axes.length;
        if (rank > TensorData.MAX_RANK) {
            throw new ModelFormatException(where + " makes a tensor of rank " + rank);
        }
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            int k = (int) normalizeAxis(a, rank, where);
            if (inserted[k]) {
                throw new ModelFormatException(where + " names axis " + a + " twice");
            }
            inserted[k] = true;
        }
        long[] shape = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            shape[i] = inserted[i] ? 1 : x.shape()[j++];
        }
        return x.reshaped(shape);
    }

    static Const squeeze(Const x, long[] axes, String where) throws ModelFormatException {
        boolean[] drop = new boolean[x.rank()];
        if (axes == null) {
            for (int i = 0; i < drop.length; i++) {
                drop[i] = x.shape()[i] == 1;
            }
        } else {
            for (long a : axes) {
                int k = (int) normalizeAxis(a, x.rank(), where);
                if (x.shape()[k] != 1) {
                    throw new ModelFormatException(where + " squeezes axis " + a + " of size " + x.shape()[k]);
                }
                drop[k] = true;
            }
        }
        long[] shape = new long[x.rank()];
        int r = 0;
        for (int i = 0; i < drop.length; i++) {
            if (!drop[i]) {
                shape[r++] = x.shape()[i];
            }
        }
        return x.reshaped(Arrays.copyOf(shape, r));
    }

    Const concat(Const[] parts, long axis, String where) throws ModelFormatException {
        boolean isFloat = parts[0].isFloat();
        long total = 0;
        for (Const p : parts) {
            if (p.rank() != 1 || p.isFloat() != isFloat) {
                throw new ModelFormatException(where + " concatenates a " + p.describe()
                        + "; vectornn folds Concat only of 1-D tensors of one type (shapes)");
            }
            total += p.size();
        }
        normalizeAxis(axis, 1, where);
        spend(total, where);
        float[] f = isFloat ? new float[(int) total] : null;
        long[] v = isFloat ? null : new long[(int) total];
        int at = 0;
        for (Const p : parts) {
            if (isFloat) {
                System.arraycopy(p.floats(), 0, f, at, p.size());
            } else {
                System.arraycopy(p.ints(), 0, v, at, p.size());
            }
            at += p.size();
        }
        return new Const(new long[] {total}, f, v);
    }

    Const cast(Const x, int to, String where) throws ModelFormatException {
        spend(x.size(), where);
        switch (to) {
            case onnx.Onnx.TensorProto.DataType.FLOAT_VALUE, onnx.Onnx.TensorProto.DataType.DOUBLE_VALUE -> {
                if (!x.isFloat()) {
                    for (long v : x.ints()) {
                        if (v == Const.BATCH) {
                            throw new ModelFormatException(where + " casts the batch size to a float; vectornn cannot fold that");
                        }
                    }
                }
                return Const.ofFloats(x.shape(), x.asFloats().clone());
            }
            case onnx.Onnx.TensorProto.DataType.INT64_VALUE, onnx.Onnx.TensorProto.DataType.INT32_VALUE -> {
                if (!x.isFloat()) {
                    return x;
                }
                long[] v = new long[x.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (long) x.floats()[i];
                }
                return Const.ofInts(x.shape(), v);
            }
            default -> throw new ModelFormatException(where + " casts to " + TensorData.typeName(to)
                    + "; vectornn folds casts to FLOAT, DOUBLE, INT64 and INT32");
        }
    }

    Const transpose(Const x, long[] perm, String where) throws ModelFormatException {
        if (x.rank() < 2) {
            return x;
        }
        if (x.rank() != 2 || (perm != null && !(perm.length == 2 && perm[0] == 1 && perm[1] == 0))) {
            throw new ModelFormatException(where + " transposes a " + x.describe() + " with perm " + Arrays.toString(perm)
                    + "; vectornn folds only the transpose of a matrix");
        }
        spend(x.size(), where);
        int rows = (int) x.shape()[0];
        int cols = (int) x.shape()[1];
        long[] shape = {cols, rows};
        if (x.isFloat()) {
            return Const.ofFloats(shape, transposed(x.floats(), rows, cols));
        }
        long[] v = new long[x.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[c * rows + r] = x.ints()[r * cols + c];
            }
        }
        return Const.ofInts(shape, v);
    }

    /** The {@code cols × rows} transpose of a row-major {@code rows × cols} matrix. */
    static float[] transposed(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** Reshape of a constant; {@code 0} copies a dimension (unless {@code allowZero}), {@code -1} is inferred. */
    static Const reshape(Const x, Const shape, boolean allowZero, String where) throws ModelFormatException {
        long[] target = resolveShape(x.shape(), shape, allowZero, where);
        if (TensorData.elements(target, where) != x.size()) {
            throw new ModelFormatException(where + " reshapes " + x.describe() + " to " + Arrays.toString(target));
        }
        return x.reshaped(target);
    }

    /** The target shape of a Reshape of a tensor of {@code from} dims; elements may be {@link Const#BATCH} in neither. */
    static long[] resolveShape(long[] from, Const shape, boolean allowZero, String where) throws ModelFormatException {
        if (shape.isFloat() || shape.rank() != 1) {
            throw new ModelFormatException(where + " takes its shape from a " + shape.describe() + ", expected a 1-D integer tensor");
        }
        long[] target = shape.ints().clone();
        if (target.length > TensorData.MAX_RANK) {
            throw new ModelFormatException(where + " reshapes to rank " + target.length);
        }
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0 && !allowZero) {
                if (i >= from.length) {
                    throw new ModelFormatException(where + " copies dimension " + i + " of a rank-" + from.length + " tensor");
                }
                target[i] = from[i];
            }
            if (target[i] == -1) {
                if (inferred >= 0) {
                    throw new ModelFormatException(where + " has more than one -1 in its shape " + Arrays.toString(shape.ints()));
                }
                inferred = i;
            } else if (target[i] < 0 || target[i] > TensorData.MAX_ELEMENTS) {
                throw new ModelFormatException(where + " has dimension " + target[i] + " in its shape");
            } else {
                known *= target[i];
                if (known > TensorData.MAX_ELEMENTS) {
                    throw new ModelFormatException(where + " reshapes to more than " + TensorData.MAX_ELEMENTS + " elements");
                }
            }
        }
        if (inferred >= 0) {
            long total = 1;
            for (long d : from) {
                total *= d;
            }
            if (known == 0 || total % known != 0) {
                throw new ModelFormatException(where + " cannot infer the -1 in " + Arrays.toString(shape.ints())
                        + " for a tensor of shape " + Arrays.toString(from));
            }
            target[inferred] = total / known;
        }
        return target;
    }
}
