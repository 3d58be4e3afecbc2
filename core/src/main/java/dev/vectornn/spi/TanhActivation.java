package dev.vectornn.spi;

/** {@code y = tanh z}; {@code dx = dy · (1 − y²)}. Only instance: {@link Activation#TANH}. */
final class TanhActivation extends BuiltinActivationBase {

    TanhActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.TANH));
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public void forward(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            y[yOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    @Override
    public void backward(int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                         float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            float t = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * (1f - t * t);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
