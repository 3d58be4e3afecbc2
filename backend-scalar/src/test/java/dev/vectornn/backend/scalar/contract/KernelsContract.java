package dev.vectornn.backend.scalar.contract;

import dev.vectornn.backend.scalar.ReferenceKernels;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static dev.vectornn.backend.scalar.contract.Arrays2.close;
import static dev.vectornn.backend.scalar.contract.Arrays2.probabilities;
import static dev.vectornn.backend.scalar.contract.Arrays2.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * The conformance kit for a {@link Kernels} implementation: every kernel agrees with the
 * reference ({@link ReferenceKernels}) on random inputs in {@code [-1, 1]}, on every shape from
 * empty through 1 × 1 and vector tails to sizes large enough for blocked code, with offsets,
 * leading dimensions wider than the rows, and every transpose; elements a kernel must not touch
 * stay untouched; and steady-state calls allocate nothing.
 *
 * <p>To check a backend, extend this class in your tests and return your kernels:
 * <pre>{@code
 * class MyKernelsTest extends KernelsContract {
 *     protected Kernels kernels() { return new MyKernels(); }
 * }
 * }</pre>
 * Tolerance: see {@link Tolerance}; sums may be reordered (lanes, blocks, threads), nothing more.
 * The kit runs in about a second per backend.
 */
public abstract class KernelsContract {

    /** The kernels under test; called once per test, may return the same instance. */
    protected abstract Kernels kernels();

    private static final Kernels REFERENCE = new ReferenceKernels();

    /** Examples per property: enough to hit every size class, few enough to run in well under a second. */
    private static final int EXAMPLES = 150;

    /** Shapes past the usual thresholds for blocked or vector code (and across cache blocks). */
    private static final List<int[]> LARGE = List.of(new int[] {70, 130, 90}, new int[] {129, 33, 257},
            new int[] {1, 300, 67}, new int[] {65, 1, 40});

    // ------------------------------------------------------------------ gemm

    @Test
    public void gemmAgreesWithTheReference() {
        qt().withExamples(EXAMPLES).withFixedSeed(1).forAll(integers().between(0, 40), integers().between(0, 40),
                integers().between(0, 40), integers().between(0, Integer.MAX_VALUE)).checkAssert(this::gemm);
        for (int[] s : LARGE) {
            gemm(s[0], s[1], s[2], s[0] + s[1] + s[2]);
        }
    }

    private void gemm(int m, int n, int k, int seed) {
        GemmProblem g = GemmProblem.random(m, n, k, seed);
        float[] expected = g.c().clone();
        float[] c = g.c().clone();
        REFERENCE.gemm(g.transA(), g.transB(), m, n, k, g.alpha(), g.a(), g.aOff(), g.lda(), g.b(), g.bOff(), g.ldb(),
                g.beta(), expected, g.cOff(), g.ldc());
        kernels().gemm(g.transA(), g.transB(), m, n, k, g.alpha(), g.a(), g.aOff(), g.lda(), g.b(), g.bOff(), g.ldb(),
                g.beta(), c, g.cOff(), g.ldc());
        close("C", expected, c, Tolerance.of(k, k + 1), g.toString());
    }

    // ------------------------------------------------------------------ dense

    @Test
    public void denseForwardAgreesWithTheReference() {
        qt().withExamples(EXAMPLES).withFixedSeed(2).forAll(integers().between(0, 20), integers().between(0, 40),
                integers().between(0, 40), integers().between(0, Integer.MAX_VALUE)).checkAssert(this::denseForward);
        for (int[] s : LARGE) {
            for (int seed = 0; seed < ACTIVATIONS.size(); seed++) {
                denseForward(s[0], s[1], s[2], seed);
            }
        }
    }

    /**
     * The activations the dense and activation cases draw from: every built-in whose derivative
     * comes from the output (the ones a model hands to these kernels), in default settings and a
     * configured relu6 (issue #14). GELU and SiLU go through {@code activationBackwardFromInput}.
     */
    private static final List<Activation> ACTIVATIONS = kitActivations();

    private static List<Activation> kitActivations() {
        List<Activation> all = new java.util.ArrayList<>();
        for (Activation a : Activation.allBuiltins()) {
            if (!a.derivativeNeedsInput()) {
                all.add(a);
            }
        }
        all.add(Activation.RELU.configure(java.util.Map.of("max_value", 6, "negative_slope", 0.1)));
        return List.copyOf(all);
    }

    private static Activation activation(SplittableRandom r, int seed) {
        List<Activation> all = ACTIVATIONS;
        return seed < all.size() ? all.get(seed) : all.get(r.nextInt(all.size()));
    }

    private void denseForward(int batch, int in, int out, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Activation act = activation(r, seed);
        boolean withBias = r.nextInt(4) != 0;
        int ldx = in + r.nextInt(3);
        int ldy = out + r.nextInt(3);
        int xOff = r.nextInt(4);
        int wOff = r.nextInt(4);
        int bOff = r.nextInt(4);
        int yOff = r.nextInt(4);
        float[] x = uniform(r, xOff + batch * ldx + 1);
        float[] w = uniform(r, wOff + in * out + 1);
        float[] bias = withBias ? uniform(r, bOff + out + 1) : null;
        float[] y = uniform(r, yOff + batch * ldy + 1);
        float[] expected = y.clone();
        REFERENCE.denseForward(batch, in, out, x, xOff, ldx, w, wOff, bias, bOff, act, expected, yOff, ldy);
        kernels().denseForward(batch, in, out, x, xOff, ldx, w, wOff, bias, bOff, act, y, yOff, ldy);
        // relu, sigmoid, tanh are 1-Lipschitz; softmax moves a value by at most twice the largest
        // error of its row's inputs; of issue #14's, selu's 1.76 and exponential's e^z (a relative
        // error equal to z's absolute one) stay within the same factor on these small values.
        close("y", expected, y, 2 * Tolerance.of(in + 1, in + 1),
                "denseForward batch=" + batch + " in=" + in + " out=" + out + " " + act + " bias=" + withBias
                        + " ldx=" + ldx + " ldy=" + ldy + " offsets " + xOff + "/" + wOff + "/" + bOff + "/" + yOff);
    }

    @Test
    public void denseBackwardAgreesWithTheReference() {
        qt().withExamples(EXAMPLES).withFixedSeed(3).forAll(integers().between(0, 20), integers().between(0, 40),
                integers().between(0, 40), integers().between(0, Integer.MAX_VALUE)).checkAssert(this::denseBackward);
        for (int[] s : LARGE) {
            for (int seed = 0; seed < ACTIVATIONS.size(); seed++) {
                denseBackward(s[0], s[1], s[2], seed);
            }
        }
    }

    private void denseBackward(int batch, int in, int out, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Activation act = activation(r, seed);
        int flags = r.nextInt(4);
        boolean withDb = (flags & 1) != 0;
        boolean withDx = (flags & 2) != 0;
        int ldx = in + r.nextInt(3);
        int ldy = out + r.nextInt(3);
        int lddy = out + r.nextInt(3);
        int lddx = in + r.nextInt(3);
        int xOff = r.nextInt(4);
        int yOff = r.nextInt(4);
        int dyOff = r.nextInt(4);
        int dxOff = r.nextInt(4);
        float[] x = uniform(r, xOff + batch * ldx + 1);
        float[] w = uniform(r, in * out + 1);
        // A saved output in the activation's range: apply it to random pre-activations.
        float[] y = uniform(r, yOff + batch * ldy + 1);
        for (int i = 0; i < batch; i++) {
            act.forward(1, out, y, yOff + i * ldy, y, yOff + i * ldy);
        }
        float[] dy = uniform(r, dyOff + batch * lddy + 1);
        float[] dw = uniform(r, in * out + 1);
        float[] db = withDb ? uniform(r, out + 1) : null;
        float[] dx = withDx ? uniform(r, dxOff + batch * lddx + 1) : null;
        float[] eDy = dy.clone();
        float[] eDw = dw.clone();
        float[] eDb = withDb ? db.clone() : null;
        float[] eDx = withDx ? dx.clone() : null;
        REFERENCE.denseBackward(batch, in, out, x, xOff, ldx, w, 0, y, yOff, ldy, act, eDy, dyOff, lddy,
                eDw, 0, eDb, 0, eDx, dxOff, lddx);
        kernels().denseBackward(batch, in, out, x, xOff, ldx, w, 0, y, yOff, ldy, act, dy, dyOff, lddy,
                dw, 0, db, 0, dx, dxOff, lddx);
        String shape = "denseBackward batch=" + batch + " in=" + in + " out=" + out + " " + act + " db=" + withDb
                + " dx=" + withDx + " ldx=" + ldx + " ldy=" + ldy + " lddy=" + lddy + " lddx=" + lddx;
        // dZ sums over a softmax row (out terms of at most 2); dW and db sum batch of those, dx out.
        double dz = Tolerance.of(out, 2 * out);
        close("dZ", eDy, dy, dz, shape);
        close("dW", eDw, dw, Tolerance.of(batch, 2 * batch) + batch * dz, shape);
        if (withDb) {
            close("db", eDb, db, Tolerance.of(batch, 2 * batch) + batch * dz, shape);
        }
        if (withDx) {
            close("dx", eDx, dx, Tolerance.of(out, 2 * out) + out * dz, shape);
        }
    }

    // ------------------------------------------------------------------ activations

    @Test
    public void activationsAgreeWithTheReferenceInPlaceAndNot() {
        qt().withExamples(EXAMPLES).withFixedSeed(4).forAll(integers().between(0, 20), integers().between(0, 70),
                integers().between(0, Integer.MAX_VALUE)).checkAssert(this::activation);
        for (int seed = 0; seed < ACTIVATIONS.size(); seed++) {
            activation(40, 130, seed);
        }
    }

    private void activation(int rows, int cols, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Activation act = activation(r, seed);
        int n = rows * cols;
        int xOff = r.nextInt(4);
        boolean inPlace = r.nextBoolean();
        int yOff = inPlace ? xOff : r.nextInt(4);
        float[] x = uniform(r, xOff + n + 1, -4, 4);
        float[] y = inPlace ? x : uniform(r, yOff + n + 1);
        float[] expected = y.clone();
        REFERENCE.activationForward(act, rows, cols, inPlace ? expected : x, xOff, expected, yOff);
        kernels().activationForward(act, rows, cols, x, xOff, y, yOff);
        String shape = "activation " + act + " rows=" + rows + " cols=" + cols + " inPlace=" + inPlace;
        close("y", expected, y, Tolerance.of(cols, cols), "forward " + shape);

        float[] dy = uniform(r, yOff + n + 1);
        float[] dx = inPlace ? dy : uniform(r, yOff + n + 1);
        float[] eDx = dx.clone();
        REFERENCE.activationBackward(act, rows, cols, expected, yOff, inPlace ? eDx : dy, yOff, eDx, yOff);
        kernels().activationBackward(act, rows, cols, expected, yOff, dy, yOff, dx, yOff);
        close("dx", eDx, dx, Tolerance.of(cols, 2 * cols), "backward " + shape);
    }

    // ------------------------------------------------------------------ losses

    @Test
    public void lossesAgreeWithTheReference() {
        qt().withExamples(EXAMPLES).withFixedSeed(5).forAll(integers().between(0, 20), integers().between(1, 70),
                integers().between(0, Integer.MAX_VALUE)).checkAssert(this::losses);
        losses(64, 1500, 1);
        losses(3, 2000, 2);
    }

    private void losses(int rows, int cols, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = rows * cols;
        int off = r.nextInt(4);
        boolean withGrad = r.nextInt(4) != 0;
        boolean fused = r.nextBoolean();
        String shape = "rows=" + rows + " cols=" + cols + " grad=" + withGrad + " fused=" + fused;
        float[] p = probabilities(r, rows, cols, n + off + 1);
        float[] y = uniform(r, n + off + 1);
        // Soft targets that do not sum to 1 (the fused gradient is p·Σt − t, not p − t).
        float[] t = uniform(r, n + off + 1, 0, 1);
        float[] labels = new float[rows + off];
        for (int i = 0; i < rows; i++) {
            labels[off + i] = r.nextInt(cols);
        }
        double lossTol = Tolerance.of(n, 17.0 * n);
        double gradTol = Tolerance.of(cols, 2 * cols);

        int size = n + off + 1;
        float[] q = uniform(r, size, 0.001, 0.999);
        Kernels k = kernels();
        loss("meanSquaredError", k, (kk, g) -> kk.meanSquaredError(rows, cols, y, off, t, off, g, off),
                r, size, withGrad, lossTol, gradTol, shape);
        loss("categoricalCrossEntropy", k,
                (kk, g) -> kk.categoricalCrossEntropy(rows, cols, p, 0, t, off, g, off, fused),
                r, size, withGrad, lossTol, gradTol, shape);
        loss("sparseCategoricalCrossEntropy", k,
                (kk, g) -> kk.sparseCategoricalCrossEntropy(rows, cols, p, 0, labels, off, g, off, fused),
                r, size, withGrad, lossTol, gradTol, shape);
        loss("binaryCrossEntropy", k, (kk, g) -> kk.binaryCrossEntropy(rows, cols, q, off, t, off, g, off, fused),
                r, size, withGrad, lossTol, gradTol, shape);
    }

    /** One loss kernel call on fixed inputs: returns the loss, writes the gradient into {@code g} unless null. */
    private interface LossCall {
        float run(Kernels kernels, float[] g);
    }

    /** The loss and (if asked for) its gradient, backend against reference, from the same starting gradient buffer. */
    private static void loss(String what, Kernels k, LossCall call, SplittableRandom r, int size, boolean withGrad,
                             double lossTol, double gradTol, String shape) {
        float[] g = withGrad ? uniform(r, size) : null;
        float[] expected = withGrad ? g.clone() : null;
        close(what, call.run(REFERENCE, expected), call.run(k, g), lossTol, shape);
        if (withGrad) {
            close(what + " grad", expected, g, gradTol, shape);
        }
    }

    // ------------------------------------------------------------------ optimizers

    @Test
    public void optimizerUpdatesAgreeWithTheReference() {
        qt().withExamples(EXAMPLES).withFixedSeed(6).forAll(integers().between(0, 100),
                integers().between(0, Integer.MAX_VALUE)).checkAssert(this::optimizers);
        optimizers(5000, 1);
    }

    private void optimizers(int n, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int off = r.nextInt(4);
        String shape = "n=" + n + " offset=" + off;
        float[] g = uniform(r, n + off + 1);
        float[][] state = {uniform(r, n + off + 1), uniform(r, n + off + 1, 0, 1), uniform(r, n + off + 1, 0, 1)};
        double tol = Tolerance.of(1, 4);
        for (int rule = 0; rule < 5; rule++) {
            float[] w = uniform(r, n + off + 1);
            float[] s1 = state[0].clone();
            float[] s2 = state[1].clone();
            float[] ew = w.clone();
            float[] es1 = s1.clone();
            float[] es2 = s2.clone();
            update(REFERENCE, rule, n, off, ew, g, es1, es2);
            update(kernels(), rule, n, off, w, g, s1, s2);
            String what = new String[] {"sgd", "sgd momentum", "sgd nesterov", "adam", "rmsprop/adagrad"}[rule];
            close(what + " w", ew, w, tol, shape);
            close(what + " state", es1, s1, tol, shape);
            close(what + " state 2", es2, s2, tol, shape);
        }
    }

    private static void update(Kernels k, int rule, int n, int off, float[] w, float[] g, float[] s1, float[] s2) {
        switch (rule) {
            case 0 -> k.sgdUpdate(n, w, off, g, off, null, 0, 0.1f, 0f, false);
            case 1 -> k.sgdUpdate(n, w, off, g, off, s1, off, 0.1f, 0.9f, false);
            case 2 -> k.sgdUpdate(n, w, off, g, off, s1, off, 0.1f, 0.9f, true);
            case 3 -> k.adamUpdate(n, w, off, g, off, s1, off, s2, off, 0.01f, 0.9f, 0.999f, 1e-7f, 3);
            default -> {
                k.rmspropUpdate(n, w, off, g, off, s2, off, 0.01f, 0.9f, 1e-7f);
                k.adagradUpdate(n, w, off, g, off, s2, off, 0.01f, 1e-7f); // s2 stays non-negative
            }
        }
    }

    // ------------------------------------------------------------------ allocation

    /** Allowance for the JIT or the counter itself, far below one array per call. */
    private static final long SLACK_BYTES = 4096;

    /**
     * Every kernel, on shapes both small and large, allocates nothing per call once warm: the
     * bytes this thread allocates over a window of 50 rounds drop to (almost) zero. A behavioural
     * check of the allocation counter, not a timing; skipped where the JVM cannot count.
     */
    @Test
    public void kernelsAllocateNothingInSteadyState() {
        AllocationCounter threads = AllocationCounter.forThisJvm();
        assumeTrue(threads != null, "this JVM cannot count a thread's allocated bytes");
        Kernels k = kernels();
        SplittableRandom r = new SplittableRandom(7);
        // Above the usual small-shape thresholds (m·n·k ≈ 37,000, 1,300 elements), yet cheap.
        int batch = 20;
        int in = 50;
        int out = 37;
        float[] x = uniform(r, batch * in);
        float[] w = uniform(r, in * out);
        float[] bias = uniform(r, out);
        float[] y = new float[batch * out];
        float[] dy = uniform(r, batch * out);
        float[] dw = new float[in * out];
        float[] db = new float[out];
        float[] dx = new float[batch * in];
        float[] t = uniform(r, batch * out, 0, 1);
        float[] labels = new float[batch];
        float[] grad = new float[batch * out];
        float[] m = new float[in * out];
        float[] v = new float[in * out];
        Runnable round = () -> {
            for (Activation act : Activation.builtins()) {
                k.denseForward(batch, in, out, x, 0, in, w, 0, bias, 0, act, y, 0, out);
                k.denseForward(1, 3, 4, x, 0, in, w, 0, bias, 0, act, y, 0, out);
                k.denseForward(1, in, out, x, 0, in, w, 0, bias, 0, act, y, 0, out);
                k.denseBackward(batch, in, out, x, 0, in, w, 0, y, 0, out, act, dy, 0, out, dw, 0, db, 0, dx, 0, in);
                k.activationForward(act, batch, out, dy, 0, y, 0);
                k.activationBackward(act, batch, out, y, 0, dy, 0, dy, 0);
            }
            k.gemm(false, true, batch, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out);
            k.gemm(true, false, 3, 2, 5, 1f, x, 0, 3, w, 0, 2, 1f, y, 0, 2);
            k.meanSquaredError(batch, out, y, 0, t, 0, grad, 0);
            k.categoricalCrossEntropy(batch, out, t, 0, t, 0, grad, 0, true);
            k.sparseCategoricalCrossEntropy(batch, out, t, 0, labels, 0, grad, 0, true);
            k.binaryCrossEntropy(batch, out, t, 0, t, 0, grad, 0, false);
            k.sgdUpdate(in * out, w, 0, dw, 0, v, 0, 1e-6f, 0.9f, true);
            k.adamUpdate(in * out, w, 0, dw, 0, m, 0, v, 0, 1e-6f, 0.9f, 0.999f, 1e-7f, 3);
            optimizerAdditionsRound(k, in * out, w, dw, m, v);
        };
        assertSteadyStateAllocatesNothing(threads, round, "kernel calls");
    }
    // ------------------------------------------------------------------ batch normalization (issue #14, layers)

    @Test
    public void batchNormAgreesWithTheReference() {
        qt().withExamples(EXAMPLES).withFixedSeed(11).forAll(integers().between(0, 40), integers().between(0, 40),
                integers().between(0, Integer.MAX_VALUE)).checkAssert(this::batchNorm);
        for (int[] s : LARGE) {
            batchNorm(s[0], s[1], s[2]);
        }
    }

    private void batchNorm(int rows, int cols, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int per = Kernels.BATCH_NORM_STATS_PER_COLUMN;
        float epsilon = (float) (0.01 + r.nextDouble());
        boolean withGamma = r.nextInt(4) != 0;
        boolean withBeta = r.nextInt(4) != 0;
        boolean inPlace = r.nextInt(4) == 0;
        int xOff = r.nextInt(4);
        int pOff = r.nextInt(4);
        int sOff = r.nextInt(4);
        float[] x = uniform(r, xOff + rows * cols + 1);
        float[] gamma = withGamma ? uniform(r, pOff + cols + 1) : null;
        float[] beta = withBeta ? uniform(r, pOff + cols + 1) : null;
        float[] dy = uniform(r, xOff + rows * cols + 1);
        float[] moving = uniform(r, 2 * cols + 1, 0, 1);
        String shape = "batchNorm rows=" + rows + " cols=" + cols + " gamma=" + withGamma + " beta=" + withBeta
                + " inPlace=" + inPlace + " offsets " + xOff + "/" + pOff + "/" + sOff;
        // ((x − μ)·s)·γ + β, with s ≤ 1/√ε ≤ 10 and |x − μ| ≤ 2: sums of rows terms, scaled by at most 20.
        double tol = 20 * Tolerance.of(2 * rows, 2.0 * rows + 2);
        float[] expectedStats = uniform(r, sOff + per * cols + 1);
        float[] stats = expectedStats.clone();
        float[] expectedY = inPlace ? x.clone() : uniform(r, xOff + rows * cols + 1);
        float[] y = expectedY.clone();
        REFERENCE.batchNormForward(rows, cols, inPlace ? expectedY : x, xOff, epsilon, gamma, pOff, beta, pOff,
                expectedStats, sOff, expectedY, xOff);
        kernels().batchNormForward(rows, cols, inPlace ? y : x, xOff, epsilon, gamma, pOff, beta, pOff, stats, sOff,
                y, xOff);
        close("y", expectedY, y, tol, shape);
        close("stats", java.util.Arrays.copyOf(expectedStats, sOff + 3 * cols),
                java.util.Arrays.copyOf(stats, sOff + 3 * cols), tol, shape);

        float[] expectedDg = uniform(r, pOff + cols + 1);
        float[] dg = expectedDg.clone();
        float[] expectedDb = uniform(r, pOff + cols + 1);
        float[] db = expectedDb.clone();
        float[] expectedDx = inPlace ? dy.clone() : uniform(r, xOff + rows * cols + 1);
        float[] dx = expectedDx.clone();
        float[] referenceStats = expectedStats.clone(); // both start from the same statistics
        float[] backendStats = expectedStats.clone();
        REFERENCE.batchNormBackward(rows, cols, x, xOff, referenceStats, sOff, gamma, pOff, inPlace ? expectedDx : dy,
                xOff, expectedDg, pOff, expectedDb, pOff, expectedDx, xOff);
        kernels().batchNormBackward(rows, cols, x, xOff, backendStats, sOff, gamma, pOff, inPlace ? dx : dy, xOff,
                dg, pOff, db, pOff, dx, xOff);
        double backTol = 20 * tol;
        close("dGamma", expectedDg, dg, backTol, shape);
        close("dBeta", expectedDb, db, backTol, shape);
        close("dx", expectedDx, dx, backTol, shape);

        float[] expectedInf = uniform(r, xOff + rows * cols + 1);
        float[] inf = expectedInf.clone();
        REFERENCE.batchNormInference(rows, cols, x, xOff, moving, 0, moving, cols, epsilon, gamma, pOff, beta, pOff,
                expectedInf, xOff);
        kernels().batchNormInference(rows, cols, x, xOff, moving, 0, moving, cols, epsilon, gamma, pOff, beta, pOff,
                inf, xOff);
        close("inference y", expectedInf, inf, tol, shape);
    }

    /** The batch-normalization kernels allocate nothing once warm (as {@link #kernelsAllocateNothingInSteadyState}). */
    @Test
    public void batchNormKernelsAllocateNothingInSteadyState() {
        AllocationCounter threads = AllocationCounter.forThisJvm();
        assumeTrue(threads != null, "this JVM cannot count a thread's allocated bytes");
        Kernels k = kernels();
        SplittableRandom r = new SplittableRandom(8);
        int rows = 32;
        int cols = 67; // above the small-shape thresholds, with a vector tail
        float[] x = uniform(r, rows * cols);
        float[] y = new float[rows * cols];
        float[] dy = uniform(r, rows * cols);
        float[] dx = new float[rows * cols];
        float[] gamma = uniform(r, cols);
        float[] beta = uniform(r, cols);
        float[] dg = new float[cols];
        float[] db = new float[cols];
        float[] stats = new float[Kernels.BATCH_NORM_STATS_PER_COLUMN * cols];
        float[] moving = uniform(r, 2 * cols, 0, 1);
        Runnable round = () -> {
            k.batchNormForward(rows, cols, x, 0, 1e-3f, gamma, 0, beta, 0, stats, 0, y, 0);
            k.batchNormBackward(rows, cols, x, 0, stats, 0, gamma, 0, dy, 0, dg, 0, db, 0, dx, 0);
            k.batchNormForward(rows, cols, x, 0, 1e-3f, null, 0, null, 0, stats, 0, y, 0);
            k.batchNormBackward(rows, cols, x, 0, stats, 0, null, 0, dy, 0, null, 0, null, 0, dx, 0);
            k.batchNormInference(rows, cols, x, 0, moving, 0, moving, cols, 1e-3f, gamma, 0, beta, 0, y, 0);
            k.batchNormForward(2, 3, x, 0, 1e-3f, gamma, 0, beta, 0, stats, 0, y, 0);
        };
        assertSteadyStateAllocatesNothing(threads, round, "batch-norm kernel calls");
    }

    /**
     * Steady state comes once the JIT has compiled the kernels, later on a busy machine: measures
     * windows of 50 rounds until one allocates at most {@code SLACK_BYTES}, giving up after 100.
     */
    private static void assertSteadyStateAllocatesNothing(AllocationCounter threads, Runnable round, String what) {
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 100 && allocated > SLACK_BYTES; window++) {
            long before = threads.currentThread();
            for (int i = 0; i < 50; i++) {
                round.run();
            }
            allocated = threads.currentThread() - before;
        }
        assertTrue(allocated <= SLACK_BYTES, "50 rounds of " + what + " still allocated " + allocated
                + " bytes after 5,000 rounds of warm-up");
    }

    // ------------------------------------------------------------------ optimizer additions (issue 14 item 5: opt)

    /**
     * Nadam, Adamax, Lion, weight decay and the clipping passes agree with the reference on every
     * size from empty to past the vector thresholds, with offsets; elements outside the range stay
     * untouched. The element-wise rules are a few float operations per element; the squared norm
     * is a sum of {@code n} squares of values in {@code [-1, 1]}.
     */
    @Test
    public void optimizerAdditionsAgreeWithTheReference() {
        qt().withExamples(EXAMPLES).withFixedSeed(16).forAll(integers().between(0, 100),
                integers().between(0, Integer.MAX_VALUE)).checkAssert(this::optimizerAdditions);
        optimizerAdditions(5000, 2);
    }

    private void optimizerAdditions(int n, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int off = r.nextInt(4);
        String shape = "n=" + n + " offset=" + off;
        int size = n + off + 1;
        float[] g = uniform(r, size);
        float[] m0 = uniform(r, size);
        float[] v0 = uniform(r, size, 0, 1);
        double tol = Tolerance.of(1, 4);
        String[] names = {"nadam", "adamax", "lion", "decay", "scale", "clip"};
        for (int rule = 0; rule < names.length; rule++) {
            float[] w = uniform(r, size);
            float[] m = m0.clone();
            float[] v = v0.clone();
            float[] ew = w.clone();
            float[] em = m.clone();
            float[] ev = v.clone();
            optimizerAddition(REFERENCE, rule, n, off, ew, g, em, ev);
            optimizerAddition(kernels(), rule, n, off, w, g, m, v);
            close(names[rule] + " w", ew, w, tol, shape);
            close(names[rule] + " state", em, m, tol, shape);
            close(names[rule] + " state 2", ev, v, tol, shape);
        }
        double expected = REFERENCE.squaredNorm(n, g, off);
        double actual = kernels().squaredNorm(n, g, off);
        double normTol = Tolerance.of(n, n);
        assertTrue(Math.abs(actual - expected) <= normTol * Math.max(1, expected),
                "squaredNorm: backend " + actual + ", reference " + expected + ", " + shape);
    }

    /**
     * The finiteness scan names the same first NaN or infinity as the reference, or none, on every
     * size from empty to past the vector thresholds, with offsets, with the bad value anywhere
     * (vector part or tail) and with values outside the range that it must not look at.
     */
    @Test
    public void firstNonFiniteAgreesWithTheReference() {
        qt().withExamples(EXAMPLES).withFixedSeed(17).forAll(integers().between(0, 3000),
                integers().between(0, Integer.MAX_VALUE)).checkAssert(this::firstNonFinite);
    }

    private void firstNonFinite(int n, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int off = r.nextInt(4);
        float[] x = uniform(r, n + off + 1);
        x[off + n] = Float.NaN; // just past the range: never part of the answer
        if (off > 0) {
            x[off - 1] = Float.POSITIVE_INFINITY; // just before it
        }
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        int planted = n == 0 ? 0 : r.nextInt(3); // none, one or two bad values
        for (int p = 0; p < planted; p++) {
            x[off + r.nextInt(n)] = bad[r.nextInt(bad.length)];
        }
        int expected = REFERENCE.firstNonFinite(n, x, off);
        int actual = kernels().firstNonFinite(n, x, off);
        assertTrue(actual == expected, "firstNonFinite: backend " + actual + ", reference " + expected
                + ", n=" + n + " offset=" + off + " planted=" + planted);
    }

    /** The optimizer additions' rules, numbered for the kit: for backends' own tests too. */
    public static final int OPTIMIZER_ADDITION_RULES = 6;

    /**
     * Runs optimizer addition {@code rule} ({@code 0 ≤ rule < }{@link #OPTIMIZER_ADDITION_RULES}:
     * Nadam, Adamax, Lion, weight decay, scaling, clipping by value) with fixed hyper-parameters on
     * {@code n} elements at {@code off}; a backend's own tests may call it to compare more strictly.
     */
    public static void optimizerAddition(Kernels k, int rule, int n, int off, float[] w, float[] g, float[] m, float[] v) {
        switch (rule) {
            case 0 -> k.nadamUpdate(n, w, off, g, off, m, off, v, off, 0.01f, 0.9f, 0.999f, 1e-7f, 0.93f, 0.06f, 0.003f);
            case 1 -> k.adamaxUpdate(n, w, off, g, off, m, off, v, off, 0.01f, 0.9f, 0.999f, 1e-7f, 0.271f);
            case 2 -> k.lionUpdate(n, w, off, g, off, m, off, 0.01f, 0.9f, 0.99f);
            case 3 -> k.decayWeights(n, w, off, 0.004f);
            case 4 -> k.scaleInPlace(n, w, off, 0.37f);
            default -> k.clipByValue(n, w, off, 0.5f);
        }
    }

    /** One call of each optimizer addition, for the allocation check. */
    private static void optimizerAdditionsRound(Kernels k, int n, float[] w, float[] g, float[] m, float[] v) {
        k.nadamUpdate(n, w, 0, g, 0, m, 0, v, 0, 1e-6f, 0.9f, 0.999f, 1e-7f, 0.93f, 0.06f, 0.003f);
        k.adamaxUpdate(n, w, 0, g, 0, m, 0, v, 0, 1e-6f, 0.9f, 0.999f, 1e-7f, 0.271f);
        k.lionUpdate(n, w, 0, g, 0, m, 0, 1e-6f, 0.9f, 0.99f);
        k.decayWeights(n, w, 0, 1e-7f);
        k.squaredNorm(n, g, 0);
        k.scaleInPlace(n, g, 0, 1f);
        k.clipByValue(n, g, 0, 10f);
        k.firstNonFinite(n, g, 0);
    }
}
