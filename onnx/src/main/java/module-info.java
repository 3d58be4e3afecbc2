/**
 * ONNX for vectornn: {@link dev.vectornn.onnx.Onnx#export} writes a compiled model as an ONNX
 * graph, {@link dev.vectornn.onnx.Onnx#load} reads a feed-forward ONNX graph as a trainable model.
 * The protobuf classes (package {@code onnx}, generated from the official {@code onnx.proto}) stay
 * inside this module.
 */
module dev.vectornn.onnx {
    requires transitive dev.vectornn.core;
    requires com.google.protobuf;
    exports dev.vectornn.onnx;
}
