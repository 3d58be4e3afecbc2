package dev.vectornn.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector versions of the optimizer kernels added for issue 14 (Nadam, Adamax, Lion, weight decay
 * and gradient clipping). Each loop follows {@code ReferenceKernels} operation by operation over
 * whole vectors and finishes with the same scalar tail, so the element-wise rules are
 * bit-identical to the reference; only {@link #squaredNorm} differs, by the reordering of its sum
 * (float lane accumulators, combined in double in a fixed lane order).
 */
final class OptimizerUpdates {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;

    private OptimizerUpdates() {
    }

    /** {@code s + (x − s) · c}, the reference's moment update lane by lane. Small enough that C2 always inlines it. */
    private static FloatVector movingAverage(FloatVector s, FloatVector x, float c) {
        return s.add(x.sub(s).mul(c));
    }

    private static float movingAverage(float s, float x, float c) {
        return s + (x - s) * c;
    }

    static void nadam(int n, float[] w, int wo, float[] g, int go, float[] m, int mo, float[] v, int vo,
                      float lr, float beta1, float beta2, float epsilon,
                      float momentumFactor, float gradientFactor, float secondMomentCorrection) {
        int bound = Lanes.vectorBound(n);
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector mv = movingAverage(FloatVector.fromArray(F, m, mo + i), gv, c1);
            FloatVector vv = movingAverage(FloatVector.fromArray(F, v, vo + i), gv.mul(gv), c2);
            mv.intoArray(m, mo + i);
            vv.intoArray(v, vo + i);
            FloatVector mHat = mv.mul(momentumFactor).add(gv.mul(gradientFactor));
            FloatVector vHat = vv.div(secondMomentCorrection);
            FloatVector upd = mHat.mul(lr).div(vHat.lanewise(VectorOperators.SQRT).add(epsilon));
            FloatVector.fromArray(F, w, wo + i).sub(upd).intoArray(w, wo + i);
        }
        for (; i < n; i++) {
            float gi = g[go + i];
            float mi = movingAverage(m[mo + i], gi, c1);
            float vi = movingAverage(v[vo + i], gi * gi, c2);
            m[mo + i] = mi;
            v[vo + i] = vi;
            float mHat = momentumFactor * mi + gradientFactor * gi;
            w[wo + i] -= mHat * lr / ((float) Math.sqrt(vi / secondMomentCorrection) + epsilon);
        }
    }

    static void adamax(int n, float[] w, int wo, float[] g, int go, float[] m, int mo, float[] u, int uo,
                       float lr, float beta1, float beta2, float epsilon, float firstMomentCorrection) {
        int bound = Lanes.vectorBound(n);
        float c1 = 1f - beta1;
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector mv = movingAverage(FloatVector.fromArray(F, m, mo + i), gv, c1);
            FloatVector uv = FloatVector.fromArray(F, u, uo + i).mul(beta2).max(gv.abs());
            mv.intoArray(m, mo + i);
            uv.intoArray(u, uo + i);
            FloatVector upd = mv.mul(lr).div(uv.add(epsilon).mul(firstMomentCorrection));
            FloatVector.fromArray(F, w, wo + i).sub(upd).intoArray(w, wo + i);
        }
        for (; i < n; i++) {
            float gi = g[go + i];
            float mi = movingAverage(m[mo + i], gi, c1);
            float ui = Math.max(beta2 * u[uo + i], Math.abs(gi));
            m[mo + i] = mi;
            u[uo + i] = ui;
            w[wo + i] -= lr * mi / (firstMomentCorrection * (ui + epsilon));
        }
    }

    static void lion(int n, float[] w, int wo, float[] g, int go, float[] m, int mo, float lr, float beta1, float beta2) {
        int bound = Lanes.vectorBound(n);
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        FloatVector zero = FloatVector.zero(F);
        FloatVector step = FloatVector.broadcast(F, lr);
        FloatVector minusStep = FloatVector.broadcast(F, -lr);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector mv = FloatVector.fromArray(F, m, mo + i);
            FloatVector c = mv.mul(beta1).add(gv.mul(c1));
            // lr · sign(c): lr where c > 0, −lr where c < 0, 0 where c is zero.
            FloatVector upd = zero.blend(step, c.compare(VectorOperators.GT, 0f))
                    .blend(minusStep, c.compare(VectorOperators.LT, 0f));
            FloatVector.fromArray(F, w, wo + i).sub(upd).intoArray(w, wo + i);
            mv.mul(beta2).add(gv.mul(c2)).intoArray(m, mo + i);
        }
        for (; i < n; i++) {
            float gi = g[go + i];
            float mi = m[mo + i];
            w[wo + i] -= lr * Math.signum(mi * beta1 + gi * c1);
            m[mo + i] = mi * beta2 + gi * c2;
        }
    }

    static void decay(int n, float[] w, int wo, float rate) {
        int bound = Lanes.vectorBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector wv = FloatVector.fromArray(F, w, wo + i);
            wv.sub(wv.mul(rate)).intoArray(w, wo + i);
        }
        for (; i < n; i++) {
            w[wo + i] -= w[wo + i] * rate;
        }
    }

    static double squaredNorm(int n, float[] x, int xo) {
        int bound = Lanes.vectorBound(n);
        int i = 0;
        double sum = 0;
        if (bound > 0) {
            // Two accumulators so that consecutive adds do not wait on each other.
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            for (; i + L < bound; i += 2 * L) {
                FloatVector x0 = FloatVector.fromArray(F, x, xo + i);
                FloatVector x1 = FloatVector.fromArray(F, x, xo + i + L);
                a0 = a0.add(x0.mul(x0));
                a1 = a1.add(x1.mul(x1));
            }
            for (; i < bound; i += L) {
                FloatVector x0 = FloatVector.fromArray(F, x, xo + i);
                a0 = a0.add(x0.mul(x0));
            }
            float[] tmp = GemmDriver.scratch().math;
            a0.add(a1).intoArray(tmp, 0);
            for (int lane = 0; lane < L; lane++) {
                sum += tmp[lane];
            }
        }
        for (; i < n; i++) {
            double xi = x[xo + i];
            sum += xi * xi;
        }
        return sum;
    }

    static void scale(int n, float[] x, int xo, float factor) {
        int bound = Lanes.vectorBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, x, xo + i).mul(factor).intoArray(x, xo + i);
        }
        for (; i < n; i++) {
            x[xo + i] *= factor;
        }
    }

    static void clip(int n, float[] x, int xo, float limit) {
        int bound = Lanes.vectorBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, x, xo + i).max(-limit).min(limit).intoArray(x, xo + i);
        }
        for (; i < n; i++) {
            x[xo + i] = Math.min(Math.max(x[xo + i], -limit), limit);
        }
    }

    /**
     * The reference's answer from a vector scan: {@code x · 0} is ±0 for a finite {@code x} and NaN
     * otherwise, so sums of it stay zero until a non-finite value joins. Two sums so that the adds
     * do not wait on each other; only when one turns NaN does a plain loop look for the index.
     */
    static int firstNonFinite(int n, float[] x, int xo) {
        int bound = Lanes.vectorBound(n);
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        int i = 0;
        for (; i + L < bound; i += 2 * L) {
            s0 = s0.add(FloatVector.fromArray(F, x, xo + i).mul(0f));
            s1 = s1.add(FloatVector.fromArray(F, x, xo + i + L).mul(0f));
        }
        for (; i < bound; i += L) {
            s0 = s0.add(FloatVector.fromArray(F, x, xo + i).mul(0f));
        }
        // NaN is the only value not equal to itself; a comparison gives the same answer in every tier.
        boolean allFinite = bound == 0 || !s0.add(s1).compare(VectorOperators.NE, s0.add(s1)).anyTrue();
        for (int j = allFinite ? bound : 0; j < n; j++) {
            if (!Float.isFinite(x[xo + j])) {
                return j;
            }
        }
        return -1;
    }
}
