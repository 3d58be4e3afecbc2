package dev.vectornn.spi;

/**
 * Softmax over each row, shifted by the row maximum so that {@code e^z} never overflows; its
 * backward is the row's Jacobian-vector product {@code dz_i = y_i (dy_i − Σ_j dy_j y_j)}.
 * Only instance: {@link Activation#SOFTMAX}.
 */
final class SoftmaxActivation extends BuiltinActivationBase {

    SoftmaxActivation() {
        super(BuiltinFunction.of(BuiltinFunction.Kind.SOFTMAX));
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public void forward(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        if (cols == 0) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * cols;
            int yr = yOff + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[xr + j]);
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[xr + j] - max);
                y[yr + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < cols; j++) {
                y[yr + j] *= inv;
            }
        }
    }

    @Override
    public void backward(int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                         float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * cols;
            int dyr = dyOff + r * cols;
            int dxr = dxOff + r * cols;
            float dot = 0f;
            for (int j = 0; j < cols; j++) {
                dot += dy[dyr + j] * y[yr + j];
            }
            for (int j = 0; j < cols; j++) {
                dx[dxr + j] = y[yr + j] * (dy[dyr + j] - dot);
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
