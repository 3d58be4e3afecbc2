package dev.vectornn.testkit;

/**
 * Compares an analytic gradient (computed in {@code float} by a backend) with central finite
 * differences of a {@link ReferenceNetwork} evaluated in {@code double}.
 *
 * <h2>Numerics</h2>
 * <ul>
 *   <li>The numeric side is {@code (L(θ + h) − L(θ − h)) / 2h} in double with {@link #STEP}
 *       {@code h = 1e-7}: truncation error {@code O(h²) ≈ 1e-14}, round-off about
 *       {@code 1e-16 · L / h ≈ 1e-9}, so it is exact to far below float precision.</li>
 *   <li>The analytic side is float: each value carries a relative rounding error of a few ulps
 *       ({@code 6e-8}) per operation, grown by sums of up to 32 rows × 20 units and five layers
 *       to at most about {@code 1e-5}. {@link #RELATIVE_TOLERANCE} {@code 1e-3} leaves a wide
 *       margin over that, while a derivative that is wrong by a factor 1.1 is off by about
 *       {@code 5e-2} in {@code |a − n| / (|a| + |n|)}.</li>
 *   <li>A gradient that is a sum of terms that cancel can be tiny while its float rounding error
 *       is that of the terms: a coordinate fails only if its absolute error also exceeds
 *       {@link #ABSOLUTE_FLOOR} {@code 5e-6}. Why that much: pre-activations are float sums of up
 *       to 20 terms of order 1, each addition rounding by up to {@code 2.4e-7}, and those
 *       absolute errors reach the gradient with factors of order 1. Measured on the scalar
 *       kernels (5,040 examples of every combination over two seeds, batches up to 32): the worst
 *       coordinate whose relative error exceeded {@code 5e-4} was off by {@code 7e-7}; the floor
 *       keeps a 7-fold margin. Wrong derivatives are off by {@code 1e-3} and more on the gradients
 *       generated here (see the breakage tests).</li>
 * </ul>
 * ReLU kinks and the clipping bounds of cross-entropy make the loss non-differentiable; callers
 * keep their samples {@link #KINK_MARGIN} away from them (see {@link ReferenceNetwork#reluMargin}
 * and {@link ReferenceNetwork#clipMargin}), 1000 times more than a step can move a
 * pre-activation.
 */
public final class GradientCheck {

    /** Finite-difference step, in double. */
    public static final double STEP = 1e-7;
    /** Largest accepted {@code |a − n| / (|a| + |n|)} (see the class comment for why). */
    public static final double RELATIVE_TOLERANCE = 1e-3;
    /** Absolute errors up to this are accepted whatever their relative size. */
    public static final double ABSOLUTE_FLOOR = 5e-6;
    /** Samples must keep every ReLU pre-activation at least this far from 0. */
    public static final double KINK_MARGIN = 1e-4;
    /** Cross-entropy samples must keep every probability at least this far from 0 and 1. */
    public static final double CLIP_MARGIN = 1e-5;

    private GradientCheck() {
    }

    /** The worst coordinate of a comparison. */
    public record Result(int checked, String worstWhere, double worstAnalytic, double worstNumeric, double worstScore) {

        /** True if no coordinate exceeded both tolerances. */
        public boolean agrees() {
            return worstScore <= 1;
        }

        /** @throws AssertionError naming the worst coordinate, its two values and both errors */
        public void assertAgrees() {
            if (!agrees()) {
                double abs = Math.abs(worstAnalytic - worstNumeric);
                throw new AssertionError(String.format(
                        "gradient of %s: analytic (float) %.9g, numeric (double) %.9g: |a−n| = %.3g > %.0e and "
                                + "|a−n|/(|a|+|n|) = %.3g > %.0e (%d coordinates checked)",
                        worstWhere, worstAnalytic, worstNumeric, abs, ABSOLUTE_FLOOR,
                        relativeError(worstAnalytic, worstNumeric), RELATIVE_TOLERANCE, checked));
            }
        }
    }

    /** {@code |a − n| / (|a| + |n|)}, 0 when both are 0. */
    public static double relativeError(double a, double n) {
        double d = Math.abs(a - n);
        return d == 0 ? 0 : d / (Math.abs(a) + Math.abs(n));
    }

    /**
     * How badly one coordinate fails: {@code min(abs / floor, rel / tolerance)}; above 1 means it
     * exceeds both.
     */
    public static double score(double analytic, double numeric) {
        return Math.min(Math.abs(analytic - numeric) / ABSOLUTE_FLOOR, relativeError(analytic, numeric) / RELATIVE_TOLERANCE);
    }

    /**
     * Checks every parameter and every input value.
     *
     * @param params          the (float) parameters the analytic gradient was taken at
     * @param x               {@code rows × in} inputs
     * @param t               {@code rows × targetWidth} targets
     * @param analyticParams  gradient of the mean loss with respect to the parameters
     * @param analyticInputs  gradient of the mean loss with respect to the inputs ({@code rows × in})
     */
    public static Result compare(ReferenceNetwork net, float[] params, float[][] x, float[][] t,
                                 float[] analyticParams, float[][] analyticInputs) {
        int rows = x.length;
        int in = net.width(0);
        double[] p = ReferenceNetwork.toDouble(params);
        double[] dx = ReferenceNetwork.flatten(x);
        double[] dt = ReferenceNetwork.flatten(t);
        Worst worst = new Worst();

        // Parameters: perturb one, recompute from its layer on (earlier layers are unchanged).
        double[][] acts = net.forward(p, dx, rows, null);
        for (int k = 0; k < p.length; k++) {
            int l = net.layerOf(k);
            double saved = p[k];
            p[k] = saved + STEP;
            net.forwardFrom(l, p, acts, rows);
            double plus = net.meanLoss(acts[net.layers()], dt, rows);
            p[k] = saved - STEP;
            net.forwardFrom(l, p, acts, rows);
            double minus = net.meanLoss(acts[net.layers()], dt, rows);
            p[k] = saved;
            worst.offer(analyticParams[k], (plus - minus) / (2 * STEP), k, -1, -1, net);
        }

        // Inputs: x[r][i] moves only sample r's loss, which enters the mean with weight 1/rows.
        int tw = net.loss().targetWidth(net.width(net.layers()));
        for (int r = 0; r < rows; r++) {
            double[] row = new double[in];
            System.arraycopy(dx, r * in, row, 0, in);
            double[] target = new double[tw];
            System.arraycopy(dt, r * tw, target, 0, tw);
            for (int i = 0; i < in; i++) {
                double saved = row[i];
                row[i] = saved + STEP;
                double plus = net.meanLoss(p, row, target, 1);
                row[i] = saved - STEP;
                double minus = net.meanLoss(p, row, target, 1);
                row[i] = saved;
                worst.offer(analyticInputs[r][i], (plus - minus) / (2 * STEP) / rows, -1, r, i, net);
            }
        }
        return worst.result();
    }

    private static final class Worst {
        int checked;
        double score = -1;
        double analytic;
        double numeric;
        int param = -1;
        int row = -1;
        int col = -1;
        ReferenceNetwork net;

        void offer(double a, double n, int param, int row, int col, ReferenceNetwork net) {
            checked++;
            double s = score(a, n);
            if (s > score || Double.isNaN(s)) {
                score = Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
                analytic = a;
                numeric = n;
                this.param = param;
                this.row = row;
                this.col = col;
                this.net = net;
            }
        }

        Result result() {
            String where = param >= 0 ? "parameter " + param + " (" + net.describeParameter(param) + ")"
                    : row >= 0 ? "input [" + row + "][" + col + "]" : "nothing";
            return new Result(checked, where, analytic, numeric, Math.max(0, score));
        }
    }
}
