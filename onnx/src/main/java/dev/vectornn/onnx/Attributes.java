package dev.vectornn.onnx;

import dev.vectornn.io.ModelFormatException;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.NodeProto;

import java.util.Set;

/** Typed, checked access to a node's attributes; unknown attributes are an error, not ignored. */
final class Attributes {

    private final NodeProto node;
    private final String where;

    Attributes(NodeProto node, String where, Set<String> known) throws ModelFormatException {
        this.node = node;
        this.where = where;
        for (AttributeProto a : node.getAttributeList()) {
            if (!known.contains(a.getName())) {
                throw new ModelFormatException(where + " has attribute '" + a.getName() + "', which vectornn does not "
                        + "support for " + node.getOpType() + (known.isEmpty() ? " (it takes none)" : " (known: " + known + ")"));
            }
        }
    }

    AttributeProto get(String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    long integer(String name, long fallback) throws ModelFormatException {
        AttributeProto a = typed(name, AttributeProto.AttributeType.INT);
        return a == null ? fallback : a.getI();
    }

    float real(String name, float fallback) throws ModelFormatException {
        AttributeProto a = typed(name, AttributeProto.AttributeType.FLOAT);
        return a == null ? fallback : a.getF();
    }

    /** The attribute, or null if absent; an error if it has another type (an untyped one from old IR versions passes). */
    private AttributeProto typed(String name, AttributeProto.AttributeType type) throws ModelFormatException {
        AttributeProto a = get(name);
        boolean untyped = a != null && a.getType() == AttributeProto.AttributeType.UNDEFINED
                && (type == AttributeProto.AttributeType.INT ? a.hasI() : a.hasF());
        if (a != null && a.getType() != type && !untyped) {
            throw new ModelFormatException(where + " attribute '" + name + "' must be " + type + ", got " + a.getType());
        }
        return a;
    }

    long[] integers(String name) throws ModelFormatException {
        AttributeProto a = get(name);
        if (a == null) {
            return null;
        }
        if (a.getType() != AttributeProto.AttributeType.INTS) {
            throw new ModelFormatException(where + " attribute '" + name + "' must be INTS, got " + a.getType());
        }
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInts(i);
        }
        return v;
    }
}
