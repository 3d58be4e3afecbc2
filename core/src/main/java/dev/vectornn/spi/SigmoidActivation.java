package dev.vectornn.spi;

/** {@code y = 1 / (1 + e^-z)}; {@code dx = dy · y (1 − y)}. Only instance: {@link Activation#SIGMOID}. */
final class SigmoidActivation extends BuiltinActivationBase {

    SigmoidActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.SIGMOID));
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public void forward(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            y[yOff + i] = sigmoid(x[xOff + i]);
        }
    }

    /** {@code 1 / (1 + e^-z)}, written so neither branch overflows. */
    private static float sigmoid(float z) {
        if (z >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1.0 + e));
    }

    @Override
    public void backward(int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                         float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            float s = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * s * (1f - s);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
