package dev.vectornn.backend.simd;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vectornn's vector exp, log, tanh and sigmoid against {@link StrictMath}: the largest error in
 * ulps over a sweep of float bit patterns (every 1031st through each range, every 131st near 1
 * for log: 0.5 to 2 million arguments each) plus the edge values, and the fixed-order horizontal sum against the same
 * tree written out in scalar code. Budget: about 3 s.
 */
class VectorMathTest {

    private static final int L = Lanes.L;
    private static final float[] TMP = new float[VectorMath.TMP];

    /** One of the functions under test: one vector from {@code x[at ..]} into {@code out[0 ..]}. */
    private interface Fn {
        void apply(float[] x, int at, float[] out);
    }

    private static final Fn EXP = (x, at, out) -> VectorMath.exp(x, at, false, 1f, 0f, out, 0);
    private static final Fn LOG = (x, at, out) ->
            VectorMath.log(x, at, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1f, 0f, out, 0);
    private static final Fn TANH = (x, at, out) -> VectorMath.tanh(x, at, out, 0, TMP);
    private static final Fn SIGMOID = (x, at, out) -> VectorMath.sigmoid(x, at, out, 0, TMP);

    /** Largest error, in ulps of the correctly rounded result, over the arguments {@code xs}. */
    private static double maxUlps(Fn f, DoubleUnaryOperator exact, float[] xs) {
        float[] out = new float[L];
        double worst = 0;
        for (int i = 0; i + L <= xs.length; i += L) {
            f.apply(xs, i, out);
            for (int j = 0; j < L; j++) {
                double want = exact.applyAsDouble(xs[i + j]);
                float rounded = (float) want;
                double err;
                if (Float.isNaN(rounded) || Float.isInfinite(rounded)) {
                    err = Float.compare(out[j], rounded) == 0 ? 0 : Double.POSITIVE_INFINITY;
                } else {
                    err = Math.abs(out[j] - want) / Math.ulp(rounded);
                }
                if (err > worst) {
                    worst = err;
                    if (err > 4) {
                        throw new AssertionError("at x = " + xs[i + j] + ": got " + out[j] + ", want " + want);
                    }
                }
            }
        }
        System.out.println("VectorMathTest: " + xs.length + " arguments, largest error " + worst + " ulp");
        return worst;
    }

    /** Every {@code stride}-th float between {@code lo} and {@code hi} (same sign), padded to whole vectors. */
    static float[] sweep(float lo, float hi, int stride) {
        int a = Float.floatToRawIntBits(lo);
        int b = Float.floatToRawIntBits(hi);
        int from = Math.min(a, b);
        int to = Math.max(a, b);
        int n = (to - from) / stride + 1;
        float[] xs = new float[(n + L - 1) / L * L];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Float.intBitsToFloat(Math.min(to, from + i * stride));
        }
        return xs;
    }

    static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] all = new float[(n + L - 1) / L * L];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static final float[] EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        -Float.MIN_NORMAL, 1e-40f, -1e-40f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, 1f, -1f, 88.72283f, 88.72284f, 89f, -87.33654f, -87.33655f,
        -103.27893f, -103.97208f, -104f, -105f, 0.55f, -0.55f, 0.54999995f, 9.01f, 1e-20f, -1e-20f};

    @Test
    void expIsWithinOneAndAHalfUlpsOfStrictMath() {
        float[] xs = concat(sweep(0f, 110f, 1031), sweep(-0f, -110f, 1031), EDGES);
        double ulps = maxUlps(EXP, StrictMath::exp, xs);
        assertTrue(ulps <= 1.5, "exp error " + ulps + " ulp");
    }

    @Test
    void logIsWithinOneUlpOfStrictMath() {
        float[] xs = concat(sweep(Float.MIN_VALUE, Float.MAX_VALUE, 4099), sweep(0.5f, 2f, 131), EDGES);
        double ulps = maxUlps(LOG, StrictMath::log, xs);
        assertTrue(ulps <= 1, "log error " + ulps + " ulp");
    }

    @Test
    void tanhIsWithinTwoUlpsOfStrictMath() {
        float[] xs = concat(sweep(0f, 12f, 1031), sweep(-0f, -12f, 1031), EDGES);
        double ulps = maxUlps(TANH, StrictMath::tanh, xs);
        assertTrue(ulps <= 2, "tanh error " + ulps + " ulp");
    }

    @Test
    void sigmoidIsWithinThreeUlpsOfTheExactValue() {
        float[] xs = concat(sweep(0f, 110f, 1031), sweep(-0f, -110f, 1031), EDGES);
        double ulps = maxUlps(SIGMOID, x -> 1 / (1 + StrictMath.exp(-x)), xs);
        assertTrue(ulps <= 3, "sigmoid error " + ulps + " ulp");
    }

    @Test
    void signsOfZeroAndSpecialValuesFollowStrictMath() {
        float[] xs = new float[L];
        float[] out = new float[L];
        float[][] cases = {
            {-0f, -0f}, {0f, 0f}, {Float.POSITIVE_INFINITY, 1f}, {Float.NEGATIVE_INFINITY, -1f}, {Float.NaN, Float.NaN}};
        for (float[] c : cases) {
            xs[0] = c[0];
            TANH.apply(xs, 0, out);
            assertEquals(Float.floatToIntBits(c[1]), Float.floatToIntBits(out[0]), "tanh(" + c[0] + ")");
        }
        float[][] logs = {{0f, Float.NEGATIVE_INFINITY}, {-0f, Float.NEGATIVE_INFINITY}, {-1f, Float.NaN},
            {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, {Float.NaN, Float.NaN}, {1f, 0f}};
        for (float[] c : logs) {
            xs[0] = c[0];
            LOG.apply(xs, 0, out);
            assertEquals(Float.floatToIntBits(c[1]), Float.floatToIntBits(out[0]), "log(" + c[0] + ")");
        }
        float[][] exps = {{0f, 1f}, {-0f, 1f}, {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY},
            {Float.NEGATIVE_INFINITY, 0f}, {Float.NaN, Float.NaN}, {89f, Float.POSITIVE_INFINITY}, {-104f, 0f}};
        for (float[] c : exps) {
            xs[0] = c[0];
            EXP.apply(xs, 0, out);
            assertEquals(Float.floatToIntBits(c[1]), Float.floatToIntBits(out[0]), "exp(" + c[0] + ")");
        }
    }

    /** The tree the sum promises: halves first, then quarters, down to neighbours. */
    private static float treeSum(float[] v, int from, int width) {
        if (width == 1) {
            return v[from];
        }
        int h = width / 2;
        float[] folded = new float[h];
        for (int i = 0; i < h; i++) {
            folded[i] = v[from + i] + v[from + i + h];
        }
        return treeSum(folded, 0, h);
    }

    @Test
    void sumAddsTheLanesInItsFixedTreeOrder() {
        java.util.Random r = new java.util.Random(11);
        float[] v = new float[L];
        for (int round = 0; round < 20_000; round++) {
            for (int i = 0; i < L; i++) {
                v[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8)));
            }
            float got = VectorMath.sum(v, 0);
            assertEquals(Float.floatToIntBits(treeSum(v, 0, L)), Float.floatToIntBits(got), "sum of lanes, round " + round);
        }
    }
}
