package dev.vectornn.backend.simd;

import dev.vectornn.backend.scalar.ReferenceKernels;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.BuiltinFunction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector versions of the element-wise and row-wise kernels: activations and their derivatives,
 * loss rows and optimizer updates. Each loop runs whole vectors up to {@code loopBound} and
 * finishes with a scalar tail; reductions keep several independent accumulators so that the
 * add latency does not serialise them. The formulas follow {@code ReferenceKernels} and the
 * built-in activations operation by operation, so most results are bit-identical; only reductions
 * (reordered, in the fixed order of {@link VectorMath#sum}) and {@code exp}, {@code log},
 * {@code tanh} ({@link VectorMath}'s polynomials, within 1–3 ulp) differ slightly. Nothing here uses
 * {@code reduceLanes(ADD)} or a lane-wise transcendental, whose bits depend on the JIT tier.
 */
final class VectorOps {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;
    private static final float EPS = ReferenceKernels.EPS;

    private VectorOps() {
    }

    // ------------------------------------------------------------------ activations

    /**
     * Elements per call of the element-wise vector loops over whole blocks: {@link #map},
     * {@link #derivative}, {@link #derivativeFromInput} here, and the optimizer updates, which
     * {@code SimdKernels} calls once per chunk. Vector API code allocates on every operation until
     * C2 compiles it (C1 and the interpreter run the API's Java fallback: a {@code float[]} and a
     * vector per operation), and C2 takes a method up only after some hundreds of calls, times a
     * factor that grows with the length of its compile queue (HotSpot's {@code Tier4LoadFeedback};
     * 5 or more in a busy test JVM). A kernel called once per layer or tensor with the whole loop
     * inside needs that many training steps: in the integration tests a relu layer over 20 × 64
     * elements allocated 23,040 bytes a step for the first ~2,900 steps, then Adam over a 64 × 32
     * kernel 322,560. Called once per chunk, the loop is compiled that many times sooner, for a
     * call of a few nanoseconds per 16 vectors. Every element still takes the same path (whole
     * vectors up to {@code loopBound}, then the scalar tail, since a chunk is whole vectors), so
     * the bits are unchanged.
     */
    static final int CHUNK = 16 * L;

    /** {@code y[yo ..] = act(x[xo ..])} over {@code n} elements; element-wise built-ins only (see {@link BuiltinActivation}), not softmax. */
    static void map(Activation act, float[] x, int xo, float[] y, int yo, int n) {
        int bound = Lanes.vectorBound(n);
        BuiltinActivation kind = BuiltinActivation.of(act);
        if (kind == BuiltinActivation.LINEAR) {
            if (x != y || xo != yo) {
                System.arraycopy(x, xo, y, yo, n);
            }
            return;
        }
        if (kind == BuiltinActivation.SOFTMAX) {
            throw new IllegalArgumentException("softmax is row-wise: use softmaxRow");
        }
        float[] tmp = GemmDriver.scratch().math;
        BuiltinFunction f = Activation.builtinFunction(act);
        for (int c = 0; c < bound; c += CHUNK) {
            mapVectors(kind, f, x, xo + c, y, yo + c, Math.min(CHUNK, bound - c), tmp);
        }
        act.forward(1, n - bound, x, xo + bound, y, yo + bound);
    }

    /** {@link #map}'s vector loop over {@code len} elements, a multiple of {@code L} (see {@link #CHUNK}). */
    private static void mapVectors(BuiltinActivation kind, BuiltinFunction f, float[] x, int xo, float[] y, int yo,
                                   int len, float[] tmp) {
        // relu, sigmoid and tanh in loops of their own, as before issue #14; the others share one.
        switch (kind) {
            case RELU -> {
                for (int i = 0; i < len; i += L) {
                    FloatVector.fromArray(F, x, xo + i).max(0f).intoArray(y, yo + i);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < len; i += L) {
                    VectorMath.sigmoid(x, xo + i, y, yo + i, tmp);
                }
            }
            case TANH -> {
                for (int i = 0; i < len; i += L) {
                    VectorMath.tanh(x, xo + i, y, yo + i, tmp);
                }
            }
            default -> {
                for (int i = 0; i < len; i += L) {
                    ActivationVectors.forward(kind, f, x, xo + i, y, yo + i, tmp);
                }
            }
        }
    }

    /** Softmax of {@code x[xo .. xo+n)} into {@code y[yo ..]}, shifted by the row maximum. */
    static void softmaxRow(float[] x, int xo, float[] y, int yo, int n) {
        if (n == 0) {
            return;
        }
        int bound = Lanes.vectorBound(n);
        FloatVector vmax = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < bound; i += L) {
            vmax = vmax.max(FloatVector.fromArray(F, x, xo + i));
        }
        float max = bound == 0 ? Float.NEGATIVE_INFINITY : vmax.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[xo + i]);
        }
        for (i = 0; i < bound; i += L) {
            // e^(x - max), as x·1 + (−max): the same bits as x − max.
            VectorMath.exp(x, xo + i, false, 1f, -max, y, yo + i);
        }
        // The two running sums (even and odd vectors) live in a scratch array, not in vector
        // variables: C2 sometimes failed to eliminate the box of such loop-carried accumulators
        // here (a vector merged at a loop phi, which escape analysis cannot scalar-replace), and
        // each softmax row then allocated two vectors. It depended on the profile the JVM had
        // gathered, so the conformance kit's allocation round caught it only in some runs. The
        // order of the additions is unchanged.
        float[] acc = GemmDriver.scratch().rowSums;
        java.util.Arrays.fill(acc, 0f);
        i = 0;
        for (; i + L < bound; i += 2 * L) {
            FloatVector.fromArray(F, acc, 0).add(FloatVector.fromArray(F, y, yo + i)).intoArray(acc, 0);
            FloatVector.fromArray(F, acc, L).add(FloatVector.fromArray(F, y, yo + i + L)).intoArray(acc, L);
        }
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, acc, 0).add(FloatVector.fromArray(F, y, yo + i)).intoArray(acc, 0);
        }
        float[] tmp = GemmDriver.scratch().math;
        FloatVector.fromArray(F, acc, 0).add(FloatVector.fromArray(F, acc, L)).intoArray(tmp, 0);
        float sum = VectorMath.sum(tmp, 0);
        for (; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - max);
            y[yo + i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, y, yo + i).mul(inv).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] *= inv;
        }
    }

    /** {@code dx = act'(y) ⊙ dy} over {@code n} elements ({@code dx} may be {@code dy}); built-ins only, softmax per row. */
    static void derivative(Activation act, float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        BuiltinActivation kind = BuiltinActivation.of(act);
        if (kind == BuiltinActivation.LINEAR) {
            if (dx != dy || dxo != dyo) {
                System.arraycopy(dy, dyo, dx, dxo, n);
            }
            return;
        }
        if (kind == BuiltinActivation.SOFTMAX) {
            softmaxJvp(y, yo, dy, dyo, dx, dxo, n);
            return;
        }
        int bound = Lanes.vectorBound(n);
        // Only the shared loop needs the scratch and the function (relu, sigmoid and tanh are inline).
        boolean shared = kind != BuiltinActivation.RELU && kind != BuiltinActivation.SIGMOID
                && kind != BuiltinActivation.TANH;
        float[] tmp = shared ? GemmDriver.scratch().math : null;
        BuiltinFunction f = shared ? Activation.builtinFunction(act) : null;
        for (int c = 0; c < bound; c += CHUNK) {
            derivativeVectors(kind, f, y, yo + c, dy, dyo + c, dx, dxo + c, Math.min(CHUNK, bound - c), tmp);
        }
        act.backward(1, n - bound, null, 0, y, yo + bound, dy, dyo + bound, dx, dxo + bound);
    }

    /** {@link #derivative}'s vector loop over {@code len} elements, a multiple of {@code L} (see {@link #CHUNK}). */
    private static void derivativeVectors(BuiltinActivation kind, BuiltinFunction f, float[] y, int yo, float[] dy,
                                          int dyo, float[] dx, int dxo, int len, float[] tmp) {
        switch (kind) {
            case RELU -> {
                for (int i = 0; i < len; i += L) {
                    FloatVector yv = FloatVector.fromArray(F, y, yo + i);
                    FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
                    FloatVector.zero(F).blend(g, yv.compare(VectorOperators.GT, 0f)).intoArray(dx, dxo + i);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < len; i += L) {
                    FloatVector s = FloatVector.fromArray(F, y, yo + i);
                    FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
                    g.mul(s).mul(s.neg().add(1f)).intoArray(dx, dxo + i);
                }
            }
            case TANH -> {
                for (int i = 0; i < len; i += L) {
                    FloatVector t = FloatVector.fromArray(F, y, yo + i);
                    FloatVector g = FloatVector.fromArray(F, dy, dyo + i);
                    g.mul(t.mul(t).neg().add(1f)).intoArray(dx, dxo + i);
                }
            }
            default -> {
                for (int i = 0; i < len; i += L) {
                    ActivationVectors.derivative(kind, f, y, yo + i, dy, dyo + i, dx, dxo + i, tmp);
                }
            }
        }
    }

    /**
     * {@code dx = act'(x) ⊙ dy} over {@code n} elements from the pre-activation {@code x}, for the
     * built-ins whose derivative needs it ({@link BuiltinActivation#needsInput()}); {@code dx} may
     * be {@code dy}.
     */
    static void derivativeFromInput(Activation act, float[] x, int xo, float[] y, int yo, float[] dy, int dyo,
                                    float[] dx, int dxo, int n) {
        int bound = Lanes.vectorBound(n);
        float[] tmp = GemmDriver.scratch().math;
        BuiltinActivation kind = BuiltinActivation.of(act);
        for (int c = 0; c < bound; c += CHUNK) {
            derivativeFromInputVectors(kind, x, xo + c, dy, dyo + c, dx, dxo + c, Math.min(CHUNK, bound - c), tmp);
        }
        act.backward(1, n - bound, x, xo + bound, y, yo + bound, dy, dyo + bound, dx, dxo + bound);
    }

    /** {@link #derivativeFromInput}'s vector loop over {@code len} elements, a multiple of {@code L}. */
    private static void derivativeFromInputVectors(BuiltinActivation kind, float[] x, int xo, float[] dy, int dyo,
                                                   float[] dx, int dxo, int len, float[] tmp) {
        for (int i = 0; i < len; i += L) {
            ActivationVectors.derivativeFromInput(kind, x, xo + i, dy, dyo + i, dx, dxo + i, tmp);
        }
    }

    /** Softmax's Jacobian-vector product on one row: {@code dx_i = y_i (dy_i − Σ_j dy_j y_j)}. */
    private static void softmaxJvp(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        int bound = F.loopBound(n);
        // The two running sums in scratch, not in loop-carried vectors, as in softmaxRow (same order of additions).
        float[] acc = GemmDriver.scratch().rowSums;
        java.util.Arrays.fill(acc, 0f);
        int i = 0;
        for (; i + L < bound; i += 2 * L) {
            FloatVector.fromArray(F, dy, dyo + i).mul(FloatVector.fromArray(F, y, yo + i))
                    .add(FloatVector.fromArray(F, acc, 0)).intoArray(acc, 0);
            FloatVector.fromArray(F, dy, dyo + i + L).mul(FloatVector.fromArray(F, y, yo + i + L))
                    .add(FloatVector.fromArray(F, acc, L)).intoArray(acc, L);
        }
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, dy, dyo + i).mul(FloatVector.fromArray(F, y, yo + i))
                    .add(FloatVector.fromArray(F, acc, 0)).intoArray(acc, 0);
        }
        float[] tmp = GemmDriver.scratch().math;
        FloatVector.fromArray(F, acc, 0).add(FloatVector.fromArray(F, acc, L)).intoArray(tmp, 0);
        float dot = VectorMath.sum(tmp, 0);
        for (; i < n; i++) {
            dot += dy[dyo + i] * y[yo + i];
        }
        i = 0;
        for (; i < bound; i += L) {
            FloatVector yv = FloatVector.fromArray(F, y, yo + i);
            yv.mul(FloatVector.fromArray(F, dy, dyo + i).sub(dot)).intoArray(dx, dxo + i);
        }
        for (; i < n; i++) {
            dx[dxo + i] = y[yo + i] * (dy[dyo + i] - dot);
        }
    }

    /** {@code sum[so ..] += v[vo ..]} over {@code n} elements (bias gradients, row by row). */
    static void addInto(float[] sum, int so, float[] v, int vo, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, sum, so + i).add(FloatVector.fromArray(F, v, vo + i)).intoArray(sum, so + i);
        }
        for (; i < n; i++) {
            sum[so + i] += v[vo + i];
        }
    }

    // ------------------------------------------------------------------ losses, one row each

    /** Σ (y − t)² over one row; writes {@code (y − t)·scale} to {@code grad} when non-null. */
    static float squaredErrorRow(float[] y, int yo, float[] t, int to, float[] grad, int go, int n, float scale) {
        int bound = F.loopBound(n);
        // The two running sums in scratch, not in loop-carried vectors, as in softmaxRow (same order of additions).
        float[] acc = GemmDriver.scratch().rowSums;
        java.util.Arrays.fill(acc, 0f);
        int i = 0;
        for (; i + L < bound; i += 2 * L) {
            FloatVector d0 = FloatVector.fromArray(F, y, yo + i).sub(FloatVector.fromArray(F, t, to + i));
            FloatVector d1 = FloatVector.fromArray(F, y, yo + i + L).sub(FloatVector.fromArray(F, t, to + i + L));
            d0.mul(d0).add(FloatVector.fromArray(F, acc, 0)).intoArray(acc, 0);
            d1.mul(d1).add(FloatVector.fromArray(F, acc, L)).intoArray(acc, L);
            if (grad != null) {
                d0.mul(scale).intoArray(grad, go + i);
                d1.mul(scale).intoArray(grad, go + i + L);
            }
        }
        for (; i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(F, y, yo + i).sub(FloatVector.fromArray(F, t, to + i));
            d.mul(d).add(FloatVector.fromArray(F, acc, 0)).intoArray(acc, 0);
            if (grad != null) {
                d.mul(scale).intoArray(grad, go + i);
            }
        }
        float[] tmp = GemmDriver.scratch().math;
        FloatVector.fromArray(F, acc, 0).add(FloatVector.fromArray(F, acc, L)).intoArray(tmp, 0);
        float sum = VectorMath.sum(tmp, 0);
        for (; i < n; i++) {
            float d = y[yo + i] - t[to + i];
            sum += d * d;
            if (grad != null) {
                grad[go + i] = d * scale;
            }
        }
        return sum;
    }

    /**
     * One row of categorical cross-entropy: returns {@code −Σ t log clip(p)}; writes the gradient
     * (see {@code Kernels#categoricalCrossEntropy}) when {@code grad} is non-null.
     */
    static float crossEntropyRow(float[] p, int po, float[] t, int to, float[] grad, int go, int n,
                                 float invRows, boolean softmaxInput) {
        int bound = Lanes.vectorBound(n);
        float[] tmp = GemmDriver.scratch().math;
        // The running loss (acc[0, L)) and target sum (acc[L, 2L)) in scratch, not in loop-carried
        // vectors, as in softmaxRow; and the log comes before any vector is live, since a vector
        // held across a call C2 does not inline would be boxed. Same additions in the same order.
        float[] acc = GemmDriver.scratch().rowSums;
        java.util.Arrays.fill(acc, 0f);
        int i = 0;
        for (; i < bound; i += L) {
            VectorMath.log(p, po + i, EPS, 1f - EPS, 1f, 0f, tmp, 0);
            FloatVector tv = FloatVector.fromArray(F, t, to + i);
            FloatVector.fromArray(F, acc, L).add(tv).intoArray(acc, L);
            tv.mul(FloatVector.fromArray(F, tmp, 0)).add(FloatVector.fromArray(F, acc, 0)).intoArray(acc, 0);
        }
        float rowLoss = -VectorMath.sum(acc, 0);
        float targetSum = VectorMath.sum(acc, L);
        for (; i < n; i++) {
            float ti = t[to + i];
            targetSum += ti;
            rowLoss -= ti * (float) Math.log(ReferenceKernels.clip(p[po + i]));
        }
        if (grad != null) {
            i = 0;
            for (; i < bound; i += L) {
                FloatVector pv = FloatVector.fromArray(F, p, po + i);
                FloatVector tv = FloatVector.fromArray(F, t, to + i);
                FloatVector g = softmaxInput
                        ? pv.mul(targetSum).sub(tv).mul(invRows)
                        : FloatVector.zero(F).blend(tv.neg().div(pv).mul(invRows), inClipRange(pv));
                g.intoArray(grad, go + i);
            }
            for (; i < n; i++) {
                float pi = p[po + i];
                float ti = t[to + i];
                grad[go + i] = softmaxInput
                        ? (pi * targetSum - ti) * invRows
                        : (ReferenceKernels.inClipRange(pi) ? -ti / pi * invRows : 0f);
            }
        }
        return rowLoss;
    }

    /** One row of binary cross-entropy: returns {@code −Σ [t log p + (1 − t) log(1 − p)]} (p clipped). */
    static float binaryCrossEntropyRow(float[] p, int po, float[] t, int to, float[] grad, int go, int n,
                                       float scale, boolean sigmoidInput) {
        int bound = Lanes.vectorBound(n);
        float[] tmp = GemmDriver.scratch().math;
        // The running loss in scratch and both logs computed before any vector is live (see crossEntropyRow).
        float[] acc = GemmDriver.scratch().rowSums;
        java.util.Arrays.fill(acc, 0, L, 0f);
        int i = 0;
        for (; i < bound; i += L) {
            VectorMath.log(p, po + i, EPS, 1f - EPS, 1f, 0f, tmp, 0);
            VectorMath.log(p, po + i, EPS, 1f - EPS, -1f, 1f, tmp, L);
            FloatVector pv = FloatVector.fromArray(F, p, po + i);
            FloatVector tv = FloatVector.fromArray(F, t, to + i);
            FloatVector term = tv.mul(FloatVector.fromArray(F, tmp, 0))
                    .add(tv.neg().add(1f).mul(FloatVector.fromArray(F, tmp, L)));
            FloatVector.fromArray(F, acc, 0).add(term).intoArray(acc, 0);
            if (grad != null) {
                FloatVector g = sigmoidInput
                        ? pv.sub(tv).mul(scale)
                        : FloatVector.zero(F).blend(pv.sub(tv).div(pv.mul(pv.neg().add(1f))).mul(scale), inClipRange(pv));
                g.intoArray(grad, go + i);
            }
        }
        float rowLoss = -VectorMath.sum(acc, 0);
        for (; i < n; i++) {
            float pi = p[po + i];
            float ti = t[to + i];
            float pc = ReferenceKernels.clip(pi);
            rowLoss -= ti * (float) Math.log(pc) + (1f - ti) * (float) Math.log(1f - pc);
            if (grad != null) {
                grad[go + i] = sigmoidInput
                        ? (pi - ti) * scale
                        : (ReferenceKernels.inClipRange(pi) ? (pi - ti) / (pi * (1f - pi)) * scale : 0f);
            }
        }
        return rowLoss;
    }

    /** {@code grad[go ..] = p[po ..] · invRows} over a row (the sparse loss then fixes the label's entry). */
    static void scaledCopy(float[] p, int po, float[] grad, int go, int n, float s) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, p, po + i).mul(s).intoArray(grad, go + i);
        }
        for (; i < n; i++) {
            grad[go + i] = p[po + i] * s;
        }
    }

    private static VectorMask<Float> inClipRange(FloatVector p) {
        return p.compare(VectorOperators.GT, EPS).and(p.compare(VectorOperators.LT, 1f - EPS));
    }

    // ------------------------------------------------------------------ optimizers

    static void sgd(int n, float[] w, int wo, float[] g, int go, float[] vel, int vo,
                    float lr, float momentum, boolean nesterov) {
        int bound = F.loopBound(n);
        int i = 0;
        if (momentum == 0f) {
            for (; i < bound; i += L) {
                FloatVector wv = FloatVector.fromArray(F, w, wo + i);
                wv.sub(FloatVector.fromArray(F, g, go + i).mul(lr)).intoArray(w, wo + i);
            }
            for (; i < n; i++) {
                w[wo + i] -= lr * g[go + i];
            }
            return;
        }
        for (; i < bound; i += L) {
            FloatVector lg = FloatVector.fromArray(F, g, go + i).mul(lr);
            FloatVector v = FloatVector.fromArray(F, vel, vo + i).mul(momentum).sub(lg);
            v.intoArray(vel, vo + i);
            FloatVector step = nesterov ? v.mul(momentum).sub(lg) : v;
            FloatVector.fromArray(F, w, wo + i).add(step).intoArray(w, wo + i);
        }
        for (; i < n; i++) {
            float v = momentum * vel[vo + i] - lr * g[go + i];
            vel[vo + i] = v;
            w[wo + i] += nesterov ? momentum * v - lr * g[go + i] : v;
        }
    }

    static void adam(int n, float[] w, int wo, float[] g, int go, float[] m, int mo, float[] v, int vo,
                     float alpha, float beta1, float beta2, float epsilon) {
        int bound = Lanes.vectorBound(n);
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector mv = FloatVector.fromArray(F, m, mo + i);
            FloatVector vv = FloatVector.fromArray(F, v, vo + i);
            mv = mv.add(gv.sub(mv).mul(c1));
            vv = vv.add(gv.mul(gv).sub(vv).mul(c2));
            mv.intoArray(m, mo + i);
            vv.intoArray(v, vo + i);
            FloatVector upd = mv.mul(alpha).div(vv.lanewise(VectorOperators.SQRT).add(epsilon));
            FloatVector.fromArray(F, w, wo + i).sub(upd).intoArray(w, wo + i);
        }
        for (; i < n; i++) {
            float gi = g[go + i];
            float mi = m[mo + i] + (gi - m[mo + i]) * c1;
            float vi = v[vo + i] + (gi * gi - v[vo + i]) * c2;
            m[mo + i] = mi;
            v[vo + i] = vi;
            w[wo + i] -= alpha * mi / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    static void rmsprop(int n, float[] w, int wo, float[] g, int go, float[] s, int so,
                        float lr, float rho, float epsilon) {
        int bound = Lanes.vectorBound(n);
        float c = 1f - rho;
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector sv = FloatVector.fromArray(F, s, so + i).mul(rho).add(gv.mul(c).mul(gv));
            sv.intoArray(s, so + i);
            FloatVector upd = gv.mul(lr).div(sv.add(epsilon).lanewise(VectorOperators.SQRT));
            FloatVector.fromArray(F, w, wo + i).sub(upd).intoArray(w, wo + i);
        }
        for (; i < n; i++) {
            float gi = g[go + i];
            float si = rho * s[so + i] + c * gi * gi;
            s[so + i] = si;
            w[wo + i] -= lr * gi / (float) Math.sqrt(si + epsilon);
        }
    }

    static void adagrad(int n, float[] w, int wo, float[] g, int go, float[] acc, int ao, float lr, float epsilon) {
        int bound = Lanes.vectorBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector av = FloatVector.fromArray(F, acc, ao + i).add(gv.mul(gv));
            av.intoArray(acc, ao + i);
            FloatVector upd = gv.mul(lr).div(av.add(epsilon).lanewise(VectorOperators.SQRT));
            FloatVector.fromArray(F, w, wo + i).sub(upd).intoArray(w, wo + i);
        }
        for (; i < n; i++) {
            float gi = g[go + i];
            float a = acc[ao + i] + gi * gi;
            acc[ao + i] = a;
            w[wo + i] -= lr * gi / (float) Math.sqrt(a + epsilon);
        }
    }
}
