package dev.vectornn.bench.peak;

import dev.vectornn.bench.Jvm;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The machine's single-precision FMA peak as the Vector API reaches it: {@code {bits}x{chains}}
 * independent accumulator chains {@code a = a · m + c}, {@value #STEPS} steps each, nothing
 * loaded or stored. Independent chains hide the FMA latency (4 cycles on AMD Zen 4 and 5; with two
 * FMA pipes, 8 chains in flight keep both busy); a chain count per width
 * shows where the latency stops mattering. One operation does
 * {@code 2 · chains · (bits / 32) · STEPS} flops; the report takes the best of these methods as
 * "peak", per thread count (it runs them with {@code -t 1} and {@code -t max}).
 *
 * <p>512-bit vectors on a machine without AVX-512 fall back to slow Java code: their result is
 * then low and the 256-bit one is the peak. This probe is about the hardware, so unlike every
 * other benchmark it has no {@code backend} parameter.
 *
 * <p>Methods are written out by hand for each (width, chains) pair because the species must be a
 * constant and the accumulators must be locals for C2 to keep them in registers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeakFmaBenchmark {

    /** FMA steps per chain per operation. */
    public static final int STEPS = 1024;

    private static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;

    /** Fields, not constants, so C2 cannot fold the chains; |m| < 1 keeps values bounded and normal. */
    private float multiplier = 0.999f;
    private float addend = 0.001f;
    private float start = 1f;

    /** 8 chains of 256-bit vectors: 128 flops per step. */
    @Benchmark
    public float fma256x8() {
        FloatVector m = FloatVector.broadcast(S256, multiplier);
        FloatVector c = FloatVector.broadcast(S256, addend);
        FloatVector a0 = FloatVector.broadcast(S256, start + 0);
        FloatVector a1 = FloatVector.broadcast(S256, start + 1);
        FloatVector a2 = FloatVector.broadcast(S256, start + 2);
        FloatVector a3 = FloatVector.broadcast(S256, start + 3);
        FloatVector a4 = FloatVector.broadcast(S256, start + 4);
        FloatVector a5 = FloatVector.broadcast(S256, start + 5);
        FloatVector a6 = FloatVector.broadcast(S256, start + 6);
        FloatVector a7 = FloatVector.broadcast(S256, start + 7);
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
        }
        return a0.reduceLanes(VectorOperators.ADD) + a1.reduceLanes(VectorOperators.ADD)
                + a2.reduceLanes(VectorOperators.ADD) + a3.reduceLanes(VectorOperators.ADD)
                + a4.reduceLanes(VectorOperators.ADD) + a5.reduceLanes(VectorOperators.ADD)
                + a6.reduceLanes(VectorOperators.ADD) + a7.reduceLanes(VectorOperators.ADD);
    }

    /** 12 chains of 256-bit vectors: 192 flops per step. */
    @Benchmark
    public float fma256x12() {
        FloatVector m = FloatVector.broadcast(S256, multiplier);
        FloatVector c = FloatVector.broadcast(S256, addend);
        FloatVector a0 = FloatVector.broadcast(S256, start + 0);
        FloatVector a1 = FloatVector.broadcast(S256, start + 1);
        FloatVector a2 = FloatVector.broadcast(S256, start + 2);
        FloatVector a3 = FloatVector.broadcast(S256, start + 3);
        FloatVector a4 = FloatVector.broadcast(S256, start + 4);
        FloatVector a5 = FloatVector.broadcast(S256, start + 5);
        FloatVector a6 = FloatVector.broadcast(S256, start + 6);
        FloatVector a7 = FloatVector.broadcast(S256, start + 7);
        FloatVector a8 = FloatVector.broadcast(S256, start + 8);
        FloatVector a9 = FloatVector.broadcast(S256, start + 9);
        FloatVector a10 = FloatVector.broadcast(S256, start + 10);
        FloatVector a11 = FloatVector.broadcast(S256, start + 11);
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.reduceLanes(VectorOperators.ADD) + a1.reduceLanes(VectorOperators.ADD)
                + a2.reduceLanes(VectorOperators.ADD) + a3.reduceLanes(VectorOperators.ADD)
                + a4.reduceLanes(VectorOperators.ADD) + a5.reduceLanes(VectorOperators.ADD)
                + a6.reduceLanes(VectorOperators.ADD) + a7.reduceLanes(VectorOperators.ADD)
                + a8.reduceLanes(VectorOperators.ADD) + a9.reduceLanes(VectorOperators.ADD)
                + a10.reduceLanes(VectorOperators.ADD) + a11.reduceLanes(VectorOperators.ADD);
    }

    /** 16 chains of 256-bit vectors: 256 flops per step (spills on machines with only 16 vector registers). */
    @Benchmark
    public float fma256x16() {
        FloatVector m = FloatVector.broadcast(S256, multiplier);
        FloatVector c = FloatVector.broadcast(S256, addend);
        FloatVector a0 = FloatVector.broadcast(S256, start + 0);
        FloatVector a1 = FloatVector.broadcast(S256, start + 1);
        FloatVector a2 = FloatVector.broadcast(S256, start + 2);
        FloatVector a3 = FloatVector.broadcast(S256, start + 3);
        FloatVector a4 = FloatVector.broadcast(S256, start + 4);
        FloatVector a5 = FloatVector.broadcast(S256, start + 5);
        FloatVector a6 = FloatVector.broadcast(S256, start + 6);
        FloatVector a7 = FloatVector.broadcast(S256, start + 7);
        FloatVector a8 = FloatVector.broadcast(S256, start + 8);
        FloatVector a9 = FloatVector.broadcast(S256, start + 9);
        FloatVector a10 = FloatVector.broadcast(S256, start + 10);
        FloatVector a11 = FloatVector.broadcast(S256, start + 11);
        FloatVector a12 = FloatVector.broadcast(S256, start + 12);
        FloatVector a13 = FloatVector.broadcast(S256, start + 13);
        FloatVector a14 = FloatVector.broadcast(S256, start + 14);
        FloatVector a15 = FloatVector.broadcast(S256, start + 15);
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
            a12 = a12.fma(m, c);
            a13 = a13.fma(m, c);
            a14 = a14.fma(m, c);
            a15 = a15.fma(m, c);
        }
        return a0.reduceLanes(VectorOperators.ADD) + a1.reduceLanes(VectorOperators.ADD)
                + a2.reduceLanes(VectorOperators.ADD) + a3.reduceLanes(VectorOperators.ADD)
                + a4.reduceLanes(VectorOperators.ADD) + a5.reduceLanes(VectorOperators.ADD)
                + a6.reduceLanes(VectorOperators.ADD) + a7.reduceLanes(VectorOperators.ADD)
                + a8.reduceLanes(VectorOperators.ADD) + a9.reduceLanes(VectorOperators.ADD)
                + a10.reduceLanes(VectorOperators.ADD) + a11.reduceLanes(VectorOperators.ADD)
                + a12.reduceLanes(VectorOperators.ADD) + a13.reduceLanes(VectorOperators.ADD)
                + a14.reduceLanes(VectorOperators.ADD) + a15.reduceLanes(VectorOperators.ADD);
    }

    /** 4 chains of 512-bit vectors: 128 flops per step. */
    @Benchmark
    public float fma512x4() {
        FloatVector m = FloatVector.broadcast(S512, multiplier);
        FloatVector c = FloatVector.broadcast(S512, addend);
        FloatVector a0 = FloatVector.broadcast(S512, start + 0);
        FloatVector a1 = FloatVector.broadcast(S512, start + 1);
        FloatVector a2 = FloatVector.broadcast(S512, start + 2);
        FloatVector a3 = FloatVector.broadcast(S512, start + 3);
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
        }
        return a0.reduceLanes(VectorOperators.ADD) + a1.reduceLanes(VectorOperators.ADD)
                + a2.reduceLanes(VectorOperators.ADD) + a3.reduceLanes(VectorOperators.ADD);
    }

    /** 8 chains of 512-bit vectors: 256 flops per step. */
    @Benchmark
    public float fma512x8() {
        FloatVector m = FloatVector.broadcast(S512, multiplier);
        FloatVector c = FloatVector.broadcast(S512, addend);
        FloatVector a0 = FloatVector.broadcast(S512, start + 0);
        FloatVector a1 = FloatVector.broadcast(S512, start + 1);
        FloatVector a2 = FloatVector.broadcast(S512, start + 2);
        FloatVector a3 = FloatVector.broadcast(S512, start + 3);
        FloatVector a4 = FloatVector.broadcast(S512, start + 4);
        FloatVector a5 = FloatVector.broadcast(S512, start + 5);
        FloatVector a6 = FloatVector.broadcast(S512, start + 6);
        FloatVector a7 = FloatVector.broadcast(S512, start + 7);
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
        }
        return a0.reduceLanes(VectorOperators.ADD) + a1.reduceLanes(VectorOperators.ADD)
                + a2.reduceLanes(VectorOperators.ADD) + a3.reduceLanes(VectorOperators.ADD)
                + a4.reduceLanes(VectorOperators.ADD) + a5.reduceLanes(VectorOperators.ADD)
                + a6.reduceLanes(VectorOperators.ADD) + a7.reduceLanes(VectorOperators.ADD);
    }

    /** 16 chains of 512-bit vectors: 512 flops per step. */
    @Benchmark
    public float fma512x16() {
        FloatVector m = FloatVector.broadcast(S512, multiplier);
        FloatVector c = FloatVector.broadcast(S512, addend);
        FloatVector a0 = FloatVector.broadcast(S512, start + 0);
        FloatVector a1 = FloatVector.broadcast(S512, start + 1);
        FloatVector a2 = FloatVector.broadcast(S512, start + 2);
        FloatVector a3 = FloatVector.broadcast(S512, start + 3);
        FloatVector a4 = FloatVector.broadcast(S512, start + 4);
        FloatVector a5 = FloatVector.broadcast(S512, start + 5);
        FloatVector a6 = FloatVector.broadcast(S512, start + 6);
        FloatVector a7 = FloatVector.broadcast(S512, start + 7);
        FloatVector a8 = FloatVector.broadcast(S512, start + 8);
        FloatVector a9 = FloatVector.broadcast(S512, start + 9);
        FloatVector a10 = FloatVector.broadcast(S512, start + 10);
        FloatVector a11 = FloatVector.broadcast(S512, start + 11);
        FloatVector a12 = FloatVector.broadcast(S512, start + 12);
        FloatVector a13 = FloatVector.broadcast(S512, start + 13);
        FloatVector a14 = FloatVector.broadcast(S512, start + 14);
        FloatVector a15 = FloatVector.broadcast(S512, start + 15);
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
            a12 = a12.fma(m, c);
            a13 = a13.fma(m, c);
            a14 = a14.fma(m, c);
            a15 = a15.fma(m, c);
        }
        return a0.reduceLanes(VectorOperators.ADD) + a1.reduceLanes(VectorOperators.ADD)
                + a2.reduceLanes(VectorOperators.ADD) + a3.reduceLanes(VectorOperators.ADD)
                + a4.reduceLanes(VectorOperators.ADD) + a5.reduceLanes(VectorOperators.ADD)
                + a6.reduceLanes(VectorOperators.ADD) + a7.reduceLanes(VectorOperators.ADD)
                + a8.reduceLanes(VectorOperators.ADD) + a9.reduceLanes(VectorOperators.ADD)
                + a10.reduceLanes(VectorOperators.ADD) + a11.reduceLanes(VectorOperators.ADD)
                + a12.reduceLanes(VectorOperators.ADD) + a13.reduceLanes(VectorOperators.ADD)
                + a14.reduceLanes(VectorOperators.ADD) + a15.reduceLanes(VectorOperators.ADD);
    }
}
