package dev.vectornn.backend.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectornn.backend.Backends;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Kernels allocate nothing per call in steady state: the bytes this thread allocates over many
 * calls, after a warm-up that sizes the per-thread packing buffers, stay at (almost) zero. This is
 * a behavioural check of the allocation counter, not a timing.
 */
class AllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Allowance for the JIT or the counter itself, far below one array per call. */
    private static final long SLACK_BYTES = 4096;

    private static final Activation ELU_HALF =
            Activation.fromConfig(java.util.Map.of("name", "elu", "config", java.util.Map.of("alpha", 0.5)));
    private static final Activation GELU_TANH =
            Activation.fromConfig(java.util.Map.of("name", "gelu", "config", java.util.Map.of("approximate", true)));

    @Test
    void kernelCallsDoNotAllocateInSteadyState() {
        Kernels k = Backends.named("simd").kernels();
        Random r = new Random(5);
        int batch = 64;
        int in = 200;
        int out = 130;
        float[] x = Data.uniform(r, batch * in);
        float[] w = Data.uniform(r, in * out);
        float[] bias = Data.uniform(r, out);
        float[] y = new float[batch * out];
        float[] dy = Data.uniform(r, batch * out);
        float[] dw = new float[in * out];
        float[] db = new float[out];
        float[] dx = new float[batch * in];
        float[] t = Data.uniform(r, batch * out, 0f, 1f);
        float[] g = new float[batch * out];
        float[] m = new float[in * out];
        float[] v = new float[in * out];
        float[] c = new float[150 * 150];
        float[] a = Data.uniform(r, 150 * 150);
        Runnable step = () -> {
            k.gemm(false, true, 150, 150, 150, 1f, a, 0, 150, a, 0, 150, 0f, c, 0, 150);
            k.denseForward(batch, in, out, x, 0, in, w, 0, bias, 0, Activation.RELU, y, 0, out);
            k.denseForward(batch, in, out, x, 0, in, w, 0, bias, 0, Activation.SOFTMAX, y, 0, out);
            k.denseBackward(batch, in, out, x, 0, in, w, 0, y, 0, out, Activation.SOFTMAX, dy, 0, out,
                    dw, 0, db, 0, dx, 0, in);
            k.activationForward(Activation.TANH, batch, out, y, 0, y, 0);
            k.activationBackward(Activation.SIGMOID, batch, out, y, 0, dy, 0, dy, 0);
            // Issue #14: a configured built-in in the GEMM epilogue and its derivative, and the
            // vector forward and input derivative of GELU (both forms) and SiLU.
            k.denseForward(batch, in, out, x, 0, in, w, 0, bias, 0, ELU_HALF, y, 0, out);
            k.denseBackward(batch, in, out, x, 0, in, w, 0, y, 0, out, ELU_HALF, dy, 0, out, dw, 0, db, 0, dx, 0, in);
            k.activationForward(GELU_TANH, batch, out, y, 0, g, 0);
            k.activationBackwardFromInput(GELU_TANH, batch, out, y, 0, g, 0, dy, 0, dy, 0);
            k.activationForward(Activation.GELU, batch, out, y, 0, g, 0);
            k.activationBackwardFromInput(Activation.GELU, batch, out, y, 0, g, 0, dy, 0, dy, 0);
            k.activationForward(Activation.SILU, batch, out, y, 0, g, 0);
            k.activationBackwardFromInput(Activation.SILU, batch, out, y, 0, g, 0, dy, 0, dy, 0);
            k.activationBackward(Activation.SOFTPLUS, batch, out, t, 0, dy, 0, dy, 0);
            k.categoricalCrossEntropy(batch, out, y, 0, t, 0, g, 0, true);
            k.meanSquaredError(batch, out, y, 0, t, 0, g, 0);
            k.adamUpdate(in * out, w, 0, dw, 0, m, 0, v, 0, 1e-6f, 0.9f, 0.999f, 1e-7f, 3);
            k.sgdUpdate(in * out, w, 0, dw, 0, v, 0, 1e-6f, 0.9f, true);
        };
        // Steady state is reached once C2 has compiled the kernels, which takes longer on a busy
        // machine: measure windows of 100 rounds until one is clean, giving up after many.
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 60 && allocated > SLACK_BYTES; window++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) {
                step.run();
            }
            allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(allocated <= SLACK_BYTES, "100 rounds of kernel calls still allocated " + allocated
                + " bytes after 6,000 rounds of warm-up");
    }
}
