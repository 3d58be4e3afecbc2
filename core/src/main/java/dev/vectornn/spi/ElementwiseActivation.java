package dev.vectornn.spi;

/**
 * A built-in activation applied to each element on its own: the loops over a block, written once,
 * around a subclass's {@link #value} and {@link #derivative}. These are the reference definitions,
 * so they are computed in {@code double} from the exact formulas and rounded once to {@code float}.
 */
abstract class ElementwiseActivation extends BuiltinActivationBase {

    ElementwiseActivation(BuiltinFunction function) {
        super(function);
    }

    /** {@code act(z)}. */
    abstract float value(float z);

    /**
     * {@code act'} at the element whose input was {@code z} and output {@code y}; {@code z} is NaN
     * unless {@link #derivativeNeedsInput()}.
     */
    abstract float derivative(float z, float y);

    @Override
    public final void forward(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            y[yOff + i] = value(x[xOff + i]);
        }
    }

    @Override
    public final void backward(int rows, int cols, float[] x, int xOff, float[] y, int yOff,
                               float[] dy, int dyOff, float[] dx, int dxOff) {
        boolean input = derivativeNeedsInput();
        if (input && x == null) {
            throw new IllegalArgumentException("Activation '" + name() + "' needs the pre-activation input for its"
                    + " derivative, got none");
        }
        for (int i = 0, n = rows * cols; i < n; i++) {
            float z = input ? x[xOff + i] : Float.NaN;
            dx[dxOff + i] = derivative(z, y[yOff + i]) * dy[dyOff + i];
        }
    }
}
