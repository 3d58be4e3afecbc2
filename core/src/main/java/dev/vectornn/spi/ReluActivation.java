package dev.vectornn.spi;

/**
 * {@code y = max(0, z)}; {@code dx = y > 0 ? dy : 0}. Only instance: {@link Activation#RELU}; with
 * settings, {@link #configure} gives a {@link ParametricReluActivation}.
 */
final class ReluActivation extends BuiltinActivationBase {

    ReluActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.RELU));
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

    /**
     * Keras' {@code relu} settings: {@code negative_slope} (default 0), {@code max_value} (positive,
     * default none) and {@code threshold} (default 0); the defaults give this instance back.
     */
    @Override
    public Activation configure(java.util.Map<String, Object> config) {
        return ParametricReluActivation.of(config);
    }

    @Override
    public String toString() {
        return name();
    }
}
