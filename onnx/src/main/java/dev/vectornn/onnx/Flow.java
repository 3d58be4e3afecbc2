package dev.vectornn.onnx;

/**
 * A value on the data path: the model's input after the layers read so far. Its batch dimension
 * is dynamic; {@code dims} are the other dimensions. {@code id} tells the newest flow from older
 * ones: a graph whose nodes read an older one branches, which a {@code Sequential} cannot hold.
 */
record Flow(int id, long[] dims) {

    long width() {
        long w = 1;
        for (long d : dims) {
            w *= d;
        }
        return w;
    }
}
