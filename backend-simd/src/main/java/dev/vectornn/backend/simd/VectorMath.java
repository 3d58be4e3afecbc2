package dev.vectornn.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * vectornn's own vector math: a horizontal sum in a fixed order and {@code exp}, {@code log},
 * {@code tanh} and {@code sigmoid} built from plain lane-wise adds, multiplies, divides and bit
 * operations. The Vector API's {@code reduceLanes(ADD)} and {@code lanewise(EXP/LOG/TANH)} give
 * other bits interpreted than compiled by C2 (and other bits again on CPUs without the vector
 * math library), which made training depend on how warm the JIT was. Every operation used here is
 * exactly rounded (IEEE add, multiply, divide) or exact (shuffles, shifts, compares), so each
 * method returns the same bits in the interpreter, in C1 and in C2, on every ISA class. No
 * {@code fma} is used either: without FMA hardware it would be emulated, slowly and allocating.
 *
 * <p>Accuracy against {@link StrictMath}, as measured over a sweep of 4 to 17 million float bit
 * patterns each (every 131st through the range) and the edge values; {@code VectorMathTest}
 * repeats a sparser sweep and asserts the bounds with some headroom: {@code exp} 1.03 ulp (asserted ≤ 1.5), {@code log} 0.88 ulp (≤ 1), {@code tanh}
 * 1.38 ulp (≤ 2), {@code sigmoid} 2.66 ulp (≤ 3); issue #14's
 * {@link #expm1} 1.72 ulp (asserted ≤ 2) and {@link #softplus} 2.53 ulp (≤ 3), measured by
 * {@code ActivationVectorsTest} over its sweep (every 1031st float in ±100); exact GELU's
 * {@link #normalCdf} 4.59 ulp (asserted ≤ 5) from −12.9 up, against a double reference of its
 * own in that test (a series and a continued fraction, about 1e-14). Special values follow {@code StrictMath}: NaN in, NaN out;
 * {@code exp} overflows to +∞ above about 88.72 and underflows through the subnormals to +0;
 * {@code log} of ±0 is −∞, of a negative number NaN, of +∞ +∞; {@code tanh} keeps the sign of
 * zero and is ±1 for large or infinite arguments.
 *
 * <p>Every method reads its operand from an array and writes its result to one: no vector ever
 * crosses a method boundary. That is deliberate. A method taking or returning a
 * {@code FloatVector} is only free while C2 inlines it; once HotSpot has compiled it on its own
 * (it is hot) into more than {@code InlineSmallCode} bytes, C2 stops inlining it and every call
 * boxes its vectors: measured, a sigmoid layer then allocated 100 KB per call. Methods whose
 * operands live in arrays cost nothing whether inlined or not. Composite functions pass their
 * intermediate through a caller-provided {@code tmp} of at least {@link #TMP} floats, which may
 * be neither the input nor the output. The activations of issue #14 are built from these
 * ({@link ActivationVectors}), never from {@code lanewise}.
 */
final class VectorMath {

    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;

    /**
     * Floats a caller's {@code tmp} array must hold: two vectors. The methods above use the first;
     * composite ones ({@link #expm1}, {@link #softplus}, {@link ActivationVectors}) keep an
     * intermediate in the second, at offset {@link #TMP2}.
     */
    static final int TMP = 2 * Lanes.L;
    /** Where the second vector of a {@code tmp} array starts. */
    static final int TMP2 = Lanes.L;

    /** Shuffles that swap lane {@code i} with {@code i ^ h}; identity when {@code h ≥ L}. */
    private static final VectorShuffle<Float> SWAP8 = swap(8);
    private static final VectorShuffle<Float> SWAP4 = swap(4);
    private static final VectorShuffle<Float> SWAP2 = swap(2);
    private static final VectorShuffle<Float> SWAP1 = swap(1);

    /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer, in its low bits. */
    private static final float ROUNDER = 0x1.8p23f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float LOG2_E = 1.44269504088896341f;
    /** ln 2 split Cody–Waite style: {@code n·LN2_HI} is exact for |n| < 2¹⁰. */
    private static final float LN2_HI = 0x1.62e4p-1f;
    private static final float LN2_LO = (float) (Math.log(2) - 0x1.62e4p-1);
    /** Outside [EXP_MIN, EXP_MAX] exp is +0 or +∞ in float; clamping keeps 2ⁿ representable in halves. */
    private static final float EXP_MIN = -104f;
    private static final float EXP_MAX = 89f;

    /** Below this |x| tanh uses its odd polynomial; above, 1 − 2/(e^{2|x|} + 1) loses no accuracy. */
    private static final float TANH_SMALL = 0.55f;
    // tanh(x) = x + x³·P(x²) on |x| < 0.55: P fitted by reweighted least squares in relative error
    // (bench-free: see VectorMathTest for the measured bound).
    private static final float T1 = -0.33333319425582886f;
    private static final float T2 = 0.13332615792751312f;
    private static final float T3 = -0.053855050355196f;
    private static final float T4 = 0.02108181081712246f;
    private static final float T5 = -0.0062873451970517635f;

    private static final int SQRT_HALF_BITS = 0x3f3504f3;
    private static final float TWO_POW_23 = 0x1p23f;

    private VectorMath() {
    }

    private static VectorShuffle<Float> swap(int h) {
        int step = h < L ? h : 0;
        return VectorShuffle.fromOp(F, i -> i ^ step);
    }

    /**
     * The sum of the {@code L} floats at {@code v[at ..]} in a fixed tree order (halves, then
     * quarters, …), whatever the tier: lane {@code i} meets lane {@code i ^ L/2} first, and so on
     * down to neighbours. Kernels store an accumulator vector to a scratch array and call this.
     */
    static float sum(float[] v, int at) {
        FloatVector s = FloatVector.fromArray(F, v, at);
        if (L > 8) {
            s = s.add(s.rearrange(SWAP8));
        }
        if (L > 4) {
            s = s.add(s.rearrange(SWAP4));
        }
        s = s.add(s.rearrange(SWAP2));
        s = s.add(s.rearrange(SWAP1));
        return s.lane(0);
    }

    /**
     * {@code y = e^{a·x' + b}} for one vector, {@code x'} being {@code x} or, if {@code absolute},
     * {@code |x|} ({@code a·x' + b} is exact for the callers' {@code a = ±1, 2} and {@code b = 0},
     * and is softmax's {@code x − max} for {@code a = 1, b = −max}). {@code x = n·ln2 + r} with
     * |r| ≤ ln2/2 (Cody–Waite), {@code e^r} by its Taylor polynomial of degree 7 (truncation below
     * 2⁻²⁷ relative), then scaled by {@code 2ⁿ} in two exact halves, so that results in the
     * subnormal range are rounded once and overflow gives +∞. {@code y} may be {@code x}.
     */
    static void exp(float[] x, int xo, boolean absolute, float a, float b, float[] y, int yo) {
        FloatVector v = FloatVector.fromArray(F, x, xo);
        if (absolute) {
            v = v.abs();
        }
        v = v.mul(a).add(b).max(EXP_MIN).min(EXP_MAX); // NaN stays NaN
        FloatVector t = v.mul(LOG2_E).add(ROUNDER);
        FloatVector nf = t.sub(ROUNDER);
        IntVector n = t.reinterpretAsInts().sub(ROUNDER_BITS);
        FloatVector r = v.sub(nf.mul(LN2_HI)).sub(nf.mul(LN2_LO));
        FloatVector p = r.mul(1f / 5040).add(1f / 720);
        p = p.mul(r).add(1f / 120);
        p = p.mul(r).add(1f / 24);
        p = p.mul(r).add(1f / 6);
        p = p.mul(r).add(0.5f);
        p = p.mul(r).mul(r).add(r).add(1f);
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = n.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        p.mul(s1).mul(s2).intoArray(y, yo);
    }

    /**
     * {@code y = ln(c·min(max(x, lo), hi) + d)} for one vector: the clipped logarithms of the
     * cross-entropy losses ({@code c = 1, d = 0} for {@code ln p}, {@code c = −1, d = 1} for
     * {@code ln(1 − p)}; pass ±∞ as bounds for none). {@code z = 2ᵉ·m} with {@code m} in [√½, √2),
     * then {@code ln m = 2·atanh(s)}, {@code s = (m−1)/(m+1)}, by its odd series to s¹¹ (fdlibm's
     * arrangement, which keeps the leading term exact); subnormals are scaled by 2²³ first.
     */
    static void log(float[] x, int xo, float lo, float hi, float c, float d, float[] y, int yo) {
        FloatVector z = FloatVector.fromArray(F, x, xo).max(lo).min(hi).mul(c).add(d);
        VectorMask<Float> subnormal = z.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector scaled = z.blend(z.mul(TWO_POW_23), subnormal);
        IntVector bits = scaled.reinterpretAsInts().sub(SQRT_HALF_BITS);
        IntVector e = bits.lanewise(VectorOperators.ASHR, 23);
        FloatVector m = bits.and(0x7fffff).add(SQRT_HALF_BITS).reinterpretAsFloats();
        FloatVector ef = ((FloatVector) e.convert(VectorOperators.I2F, 0)).sub(FloatVector.zero(F).blend(23f, subnormal));
        FloatVector f = m.sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector s2 = s.mul(s);
        FloatVector poly = s2.mul(2f / 11).add(2f / 9);
        poly = poly.mul(s2).add(2f / 7);
        poly = poly.mul(s2).add(2f / 5);
        poly = poly.mul(s2).add(2f / 3);
        poly = poly.mul(s2);
        FloatVector hfsq = f.mul(f).mul(0.5f);
        FloatVector logM = f.sub(hfsq.sub(s.mul(hfsq.add(poly))));
        FloatVector result = ef.mul(LN2_LO).add(logM).add(ef.mul(LN2_HI));
        result = result.blend(Float.NEGATIVE_INFINITY, z.compare(VectorOperators.EQ, 0f));
        result = result.blend(Float.NaN, z.compare(VectorOperators.LT, 0f));
        // NaN and +∞ come back as they are.
        result.blend(z, z.compare(VectorOperators.NE, z).or(z.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY)))
                .intoArray(y, yo);
    }

    /**
     * {@code y = tanh x} for one vector: an odd polynomial near zero,
     * {@code 1 − 2/(e^{2|x|} + 1)} elsewhere. {@code y} may be {@code x}; {@code tmp} may be neither.
     */
    static void tanh(float[] x, int xo, float[] y, int yo, float[] tmp) {
        exp(x, xo, true, 2f, 0f, tmp, 0);
        FloatVector v = FloatVector.fromArray(F, x, xo);
        FloatVector z = v.mul(v);
        FloatVector p = z.mul(T5).add(T4);
        p = p.mul(z).add(T3);
        p = p.mul(z).add(T2);
        p = p.mul(z).add(T1);
        FloatVector small = v.mul(p.mul(z).add(1f)); // x·(1 + z·P): keeps the sign of zero
        FloatVector e = FloatVector.fromArray(F, tmp, 0);
        FloatVector large = FloatVector.broadcast(F, 1f).sub(FloatVector.broadcast(F, 2f).div(e.add(1f)));
        large = large.blend(large.neg(), v.compare(VectorOperators.LT, 0f));
        // NaN fails the comparison, takes the polynomial, and stays NaN.
        large.blend(small, v.abs().compare(VectorOperators.LT, TANH_SMALL).or(v.compare(VectorOperators.NE, v)))
                .intoArray(y, yo);
    }

    /**
     * {@code y = 1 / (1 + e^{−x})} for one vector, as {@code e/(1 + e)} with {@code e = e^{−|x|}}
     * for negative x, so that no exp overflows and tiny results keep their subnormal digits.
     * {@code y} may be {@code x}; {@code tmp} may be neither.
     */
    static void sigmoid(float[] x, int xo, float[] y, int yo, float[] tmp) {
        exp(x, xo, true, -1f, 0f, tmp, 0);
        FloatVector v = FloatVector.fromArray(F, x, xo);
        FloatVector e = FloatVector.fromArray(F, tmp, 0);
        FloatVector q = FloatVector.broadcast(F, 1f).div(e.add(1f));
        q.blend(e.mul(q), v.compare(VectorOperators.LT, 0f)).intoArray(y, yo);
    }

    // ------------------------------------------------------------------ for the activations of issue #14

    /** Below this |x|, {@link #expm1} uses its Taylor polynomial; above, {@code e^x − 1} loses less than an ulp. */
    private static final float EXPM1_SMALL = 0.5f;

    /**
     * {@code y = e^{a·x} − 1} for one vector ({@code a = ±1}): {@code e^v − 1} from {@link #exp} where
     * {@code |v| ≥ 1/2} (the subtraction then costs under an ulp), and near zero, where that would
     * cancel, the Taylor polynomial {@code v + v²/2! + … + v⁹/9!} (truncation below 2⁻³⁰
     * relative). {@code y} may be {@code x}; {@code tmp}'s first vector is used, and may not be
     * {@code x} or {@code y}.
     */
    static void expm1(float[] x, int xo, float a, float[] y, int yo, float[] tmp) {
        exp(x, xo, false, a, 0f, tmp, 0);
        FloatVector v = FloatVector.fromArray(F, x, xo).mul(a);
        FloatVector p = v.mul(1f / 362880).add(1f / 40320);
        p = p.mul(v).add(1f / 5040);
        p = p.mul(v).add(1f / 720);
        p = p.mul(v).add(1f / 120);
        p = p.mul(v).add(1f / 24);
        p = p.mul(v).add(1f / 6);
        p = p.mul(v).add(0.5f);
        FloatVector small = p.mul(v).mul(v).add(v);
        FloatVector large = FloatVector.fromArray(F, tmp, 0).sub(1f);
        // NaN fails the comparison on both sides: it takes the polynomial and stays NaN.
        large.blend(small, v.abs().compare(VectorOperators.LT, EXPM1_SMALL).or(v.compare(VectorOperators.NE, v)))
                .intoArray(y, yo);
    }

    /**
     * {@code y = ln(1 + e^x)} for one vector, as {@code max(x, 0) + log1p(e^{−|x|})}, and
     * {@code log1p(e)} as {@code ln(u) · e / (u − 1)} with {@code u = 1 + e} rounded (Goldberg's
     * correction, exact where {@code u = 1}): so the left tail, where the result is about
     * {@code e^x}, keeps its relative accuracy. {@code y} may be {@code x}; {@code tmp} (both
     * vectors) may be neither.
     */
    static void softplus(float[] x, int xo, float[] y, int yo, float[] tmp) {
        exp(x, xo, true, -1f, 0f, tmp, TMP2);
        log(tmp, TMP2, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1f, 1f, tmp, 0);
        FloatVector e = FloatVector.fromArray(F, tmp, TMP2);
        FloatVector u = e.add(1f);
        FloatVector ln = FloatVector.fromArray(F, tmp, 0);
        FloatVector log1p = ln.mul(e.div(u.sub(1f))).blend(e, u.compare(VectorOperators.EQ, 1f));
        FloatVector v = FloatVector.fromArray(F, x, xo);
        // NaN: e is NaN, so is the sum.
        v.max(0f).add(log1p).intoArray(y, yo);
    }

    // ------------------------------------------------------------------ the normal distribution, for exact GELU

    /**
     * The largest {@code |x|} at which {@link #normalTail} is evaluated: larger arguments are
     * clamped to it. There {@code Φ(−x)} ≈ 2.3·10⁻³⁸ is still a normal float; a little beyond,
     * {@code x·Φ(−x)} itself becomes subnormal.
     */
    static final float NORMAL_TAIL_MAX = 12.9f;
    /** 1/√(2π), the normal density at zero. */
    static final float INV_SQRT_2PI = 0.398942292f;
    /** Clears the low 12 significand bits: what is left squares exactly in float. */
    private static final int HIGH_HALF = 0xfffff000;
    // Q(a) = Φ(−a)·e^{a²/2} (Mills' ratio over √(2π)) on 0 ≤ a ≤ 12.9, as w·S(w − 1/2) with
    // w = 2/(2 + a): S is a polynomial of degree 10, fitted in relative error by Lawson's
    // reweighted least squares against mpmath's erfc at 40 digits, its coefficients rounded to
    // float one at a time from the highest (each rounding refitted into the lower ones). Fit error
    // 0.7·2⁻²⁴; evaluated in float, about 3.7·2⁻²⁴ (the division and the Horner steps).
    private static final float Q0 = 0.336203992f;
    private static final float Q1 = 0.331404507f;
    private static final float Q2 = 0.0575966686f;
    private static final float Q3 = -0.146882027f;
    private static final float Q4 = -0.00386250135f;
    private static final float Q5 = 0.107907437f;
    private static final float Q6 = -0.0604692139f;
    private static final float Q7 = -0.0554002598f;
    private static final float Q8 = 0.0916310176f;
    private static final float Q9 = -0.0119125284f;
    private static final float Q10 = -0.0336919837f;
    /**
     * Below this {@code a}, {@code Φ(−a) = 1/2 − a·P(a²)} by its Maclaurin series instead: there the
     * tail form's rounding of {@code w} near 1 costs up to 4 ulp, the series well under 1.
     */
    private static final float NORMAL_SMALL = 0.5f;
    // P(z) = φ(0) Σ (−1)ⁿ zⁿ / (2ⁿ n! (2n+1)) to n = 5: the next term is below 2⁻³¹ relative at a = 1/2.
    private static final float P0 = 0.398942292f;
    private static final float P1 = -0.066490382f;
    private static final float P2 = 0.00997355673f;
    private static final float P3 = -0.00118732825f;
    private static final float P4 = 0.00011543469f;
    private static final float P5 = -9.44465592e-06f;

    /**
     * {@code y = Φ(−a)}, the standard normal distribution's tail beyond {@code a = min(|x|,}
     * {@link #NORMAL_TAIL_MAX}{@code )}, for one vector, with its relative accuracy kept far out
     * in the tail; and {@code tmp[TMP2 ..] = e^{−a²/2}}, which the derivative of GELU needs too.
     * {@code Φ(−a) = e^{−a²/2}·Q(a)}: the exponential is {@code e^{hi}·e^{lo}} with
     * {@code hi = −a_h²/2} exact ({@code a_h}: {@code a} with its low 12 bits cleared) through
     * {@link #exp}, and {@code lo = −(a_h·a_l + a_l²/2)} ({@code |lo| < 0.09}, each product exact)
     * by its Taylor polynomial to lo⁵; so the rounding of {@code a²}, which at {@code a = 12}
     * would cost 70 ulp, never happens. Below {@code a = 1/2}, {@code Φ(−a)} is its Maclaurin
     * series instead. Every intermediate is a normal float (no slow subnormal
     * arithmetic). NaN gives NaN. {@code y} may be {@code x} or {@code tmp}'s first vector;
     * {@code tmp} may be neither input nor {@code tmp}'s second vector.
     */
    static void normalTail(float[] x, int xo, float[] y, int yo, float[] tmp) {
        FloatVector a = FloatVector.fromArray(F, x, xo).abs().min(NORMAL_TAIL_MAX); // NaN stays NaN
        FloatVector ah = a.reinterpretAsInts().and(HIGH_HALF).reinterpretAsFloats();
        ah.mul(ah).mul(-0.5f).intoArray(tmp, TMP2);
        exp(tmp, TMP2, false, 1f, 0f, tmp, TMP2);
        // After the call, as every vector here: none is held across it (see the class comment).
        a = FloatVector.fromArray(F, x, xo).abs().min(NORMAL_TAIL_MAX);
        ah = a.reinterpretAsInts().and(HIGH_HALF).reinterpretAsFloats();
        FloatVector al = a.sub(ah);
        FloatVector lo = ah.mul(al).add(al.mul(al).mul(0.5f)).neg();
        FloatVector e = lo.mul(1f / 120).add(1f / 24);
        e = e.mul(lo).add(1f / 6);
        e = e.mul(lo).add(0.5f);
        e = e.mul(lo).add(1f);
        e = e.mul(lo).add(1f);
        FloatVector g = FloatVector.fromArray(F, tmp, TMP2).mul(e);
        g.intoArray(tmp, TMP2);
        FloatVector w = FloatVector.broadcast(F, 2f).div(a.add(2f));
        FloatVector t = w.sub(0.5f);
        FloatVector s = t.mul(Q10).add(Q9);
        s = s.mul(t).add(Q8);
        s = s.mul(t).add(Q7);
        s = s.mul(t).add(Q6);
        s = s.mul(t).add(Q5);
        s = s.mul(t).add(Q4);
        s = s.mul(t).add(Q3);
        s = s.mul(t).add(Q2);
        s = s.mul(t).add(Q1);
        s = s.mul(t).add(Q0);
        FloatVector z = a.mul(a);
        FloatVector p = z.mul(P5).add(P4);
        p = p.mul(z).add(P3);
        p = p.mul(z).add(P2);
        p = p.mul(z).add(P1);
        p = p.mul(z).add(P0);
        FloatVector near = FloatVector.broadcast(F, 0.5f).sub(a.mul(p));
        // NaN fails the comparison and keeps the tail form's NaN.
        g.mul(w.mul(s)).blend(near, a.compare(VectorOperators.LT, NORMAL_SMALL)).intoArray(y, yo);
    }

    /**
     * {@code y = Φ(x)}, the standard normal distribution function {@code (1 + erf(x/√2))/2}, for
     * one vector: {@link #normalTail} for {@code x < 0}, one minus it above. Results keep their
     * relative accuracy down to {@code x = −}{@link #NORMAL_TAIL_MAX}, below which {@code Φ(x)}
     * (under 2.3·10⁻³⁸) is returned as +0; above 5.4 it rounds to 1. NaN gives NaN. {@code y}
     * may be {@code x}; {@code tmp} (both vectors) may be neither. {@code tmp[TMP2 ..]} is left
     * holding {@code e^{−a²/2}}, as by {@link #normalTail}.
     */
    static void normalCdf(float[] x, int xo, float[] y, int yo, float[] tmp) {
        normalTail(x, xo, tmp, 0, tmp);
        FloatVector v = FloatVector.fromArray(F, x, xo);
        FloatVector tail = FloatVector.fromArray(F, tmp, 0);
        FloatVector phi = FloatVector.broadcast(F, 1f).sub(tail).blend(tail, v.compare(VectorOperators.LT, 0f));
        phi.blend(0f, v.compare(VectorOperators.LT, -NORMAL_TAIL_MAX)).intoArray(y, yo);
    }
}
