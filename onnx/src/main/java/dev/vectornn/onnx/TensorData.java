package dev.vectornn.onnx;

import com.google.protobuf.ByteString;
import dev.vectornn.io.ModelFormatException;
import onnx.Onnx.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads an ONNX {@link TensorProto} into a {@link Const}, checking it against its own shape before
 * anything is allocated: float32, float64, int64, int32 and bool data, inline ({@code float_data}
 * ...) or as little-endian {@code raw_data}. External data and other types are refused by name.
 */
final class TensorData {

    /** More elements than this (1 GiB of floats) is a corrupted shape, not a weight. */
    static final long MAX_ELEMENTS = 1L << 28;
    /** More dimensions than this is a corrupted shape. */
    static final int MAX_RANK = 8;

    private TensorData() {
    }

    static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static Const read(TensorProto t, String where) throws ModelFormatException {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new ModelFormatException(where + " keeps its data in an external file; vectornn reads only "
                    + "self-contained ONNX files (save with all tensors inside)");
        }
        if (t.hasSegment()) {
            throw new ModelFormatException(where + " is a segmented tensor, which vectornn does not read");
        }
        long[] shape = shape(t.getDimsList(), where);
        int count = (int) elements(shape, where);
        int type = t.getDataType();
        ByteString raw = t.getRawData();
        boolean hasRaw = t.hasRawData();
        switch (type) {
            case TensorProto.DataType.FLOAT_VALUE -> {
                if (hasRaw) {
                    checkRaw(raw, count, 4, where);
                    float[] f = new float[count];
                    raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
                    return Const.ofFloats(shape, f);
                }
                checkInline(t.getFloatDataCount(), count, "float_data", where);
                float[] f = new float[count];
                for (int i = 0; i < count; i++) {
                    f[i] = t.getFloatData(i);
                }
                return Const.ofFloats(shape, f);
            }
            case TensorProto.DataType.DOUBLE_VALUE -> {
                float[] f = new float[count];
                if (hasRaw) {
                    checkRaw(raw, count, 8, where);
                    ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < count; i++) {
                        f[i] = (float) b.getDouble();
                    }
                } else {
                    checkInline(t.getDoubleDataCount(), count, "double_data", where);
                    for (int i = 0; i < count; i++) {
                        f[i] = (float) t.getDoubleData(i);
                    }
                }
                return Const.ofFloats(shape, f);
            }
            case TensorProto.DataType.INT64_VALUE -> {
                long[] v = new long[count];
                if (hasRaw) {
                    checkRaw(raw, count, 8, where);
                    raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
                } else {
                    checkInline(t.getInt64DataCount(), count, "int64_data", where);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getInt64Data(i);
                    }
                }
                return Const.ofInts(shape, v);
            }
            case TensorProto.DataType.INT32_VALUE, TensorProto.DataType.BOOL_VALUE -> {
                long[] v = new long[count];
                int width = type == TensorProto.DataType.BOOL_VALUE ? 1 : 4;
                if (hasRaw) {
                    checkRaw(raw, count, width, where);
                    ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < count; i++) {
                        v[i] = width == 1 ? b.get() : b.getInt();
                    }
                } else {
                    checkInline(t.getInt32DataCount(), count, "int32_data", where);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getInt32Data(i);
                    }
                }
                return Const.ofInts(shape, v);
            }
            default -> throw new ModelFormatException(where + " has data type " + typeName(type)
                    + "; vectornn reads FLOAT, DOUBLE, INT64, INT32 and BOOL tensors");
        }
    }

    static String typeName(int type) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(type);
        return t == null ? "number " + type : t.name();
    }

    static long[] shape(java.util.List<Long> dims, String where) throws ModelFormatException {
        if (dims.size() > MAX_RANK) {
            throw new ModelFormatException(where + " has " + dims.size() + " dimensions; at most " + MAX_RANK + " are supported");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
            if (shape[i] < 0) {
                throw new ModelFormatException(where + " has a negative dimension: " + dims);
            }
        }
        return shape;
    }

    static long elements(long[] shape, String where) throws ModelFormatException {
        long n = 1;
        for (long d : shape) {
            if (d != 0 && n > MAX_ELEMENTS / d) {
                throw new ModelFormatException(where + " has shape " + Arrays.toString(shape) + ", more than "
                        + MAX_ELEMENTS + " elements");
            }
            n *= d;
        }
        if (n > MAX_ELEMENTS) {
            throw new ModelFormatException(where + " has shape " + Arrays.toString(shape) + ", more than " + MAX_ELEMENTS + " elements");
        }
        return n;
    }

    private static void checkRaw(ByteString raw, int count, int width, String where) throws ModelFormatException {
        if (raw.size() != (long) count * width) {
            throw new ModelFormatException(where + " has " + raw.size() + " bytes of raw_data, but its shape needs "
                    + count + " values of " + width + " bytes");
        }
    }

    private static void checkInline(int found, int count, String field, String where) throws ModelFormatException {
        if (found != count) {
            throw new ModelFormatException(where + " has " + found + " values in " + field + ", but its shape needs " + count);
        }
    }
}
