package dev.vectornn.spi;

/** {@code y = max(0, z)}; {@code dx = y > 0 ? dy : 0}. Only instance: {@link Activation#RELU}. */
final class ReluActivation implements Activation {

    ReluActivation() {
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public void forward(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            y[yOff + i] = Math.max(0f, x[xOff + i]);
        }
    }

    @Override
    public void backward(int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                         float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            dx[dxOff + i] = y[yOff + i] > 0f ? dy[dyOff + i] : 0f;
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
