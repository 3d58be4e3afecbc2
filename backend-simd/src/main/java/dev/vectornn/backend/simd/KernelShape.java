package dev.vectornn.backend.simd;

/**
 * The GEMM's shapes for this CPU: the register tile from the register file and the vector width,
 * and the cache blocks from the cache sizes; each can be overridden by a {@code vectornn.simd.*}
 * property (validated in {@link SimdSettings}). Loaded only once the Vector API is known to be
 * there (it reads {@link Lanes}).
 *
 * <p>The rules, checked against bench/tune's sweep on each ISA class (bench/TUNING.md):
 * <ul>
 *   <li><b>Rows of the register tile ({@code mr}).</b> A tile of {@code mr × 2} vectors keeps
 *       {@code 2·mr} accumulators live, plus two vectors of B, one broadcast of A and, without
 *       FMA, one product in flight. With 32 vector registers (AVX-512, AArch64) {@code mr = 8}
 *       fits (16 accumulators); with 16 (SSE, AVX2) {@code mr = 6} needs 15 or 16 and C2 spills
 *       inside the loop, so {@code mr = 4} (8 accumulators, still enough independent chains to
 *       cover the FMA or add latency).</li>
 *   <li><b>Vectors per row ({@code nv}).</b> Two, except on 16 registers without FMA (SSE), where
 *       a 4 × 3 tile (12 accumulators) ran about 10 % faster than 4 × 2 on the Intel Xeon
 *       (bench/TUNING.md). With FMA on 16 registers (AVX2) C2 schedules all four broadcasts of
 *       a step ahead of the multiply-adds, so 12 accumulators + 3 B vectors + 4 broadcasts spill
 *       three accumulators to the stack in the loop (seen in its machine code) and 4 × 3 ran at
 *       0.7× of 4 × 2; on 32 registers 8 × 3 ran at 0.85–1.0× of 8 × 2.</li>
 *   <li><b>FMA.</b> Used only where HotSpot uses FMA instructions ({@code UseFMA}); otherwise
 *       separate multiply and add, since a vector {@code fma} would be emulated lane by lane.</li>
 *   <li><b>Depth block {@code kc}.</b> 512 when the L1 data cache holds at least 32 KiB, else
 *       256: the B micro-panel ({@code kc × NR}) streams from L1/L2 while the A panel stays.</li>
 *   <li><b>Row block {@code mc}.</b> The packed A block ({@code mc × kc} floats) takes a quarter
 *       of L2, between 48 and 192 rows.</li>
 *   <li><b>Column block {@code nc}.</b> The packed B block ({@code kc × nc}) takes a quarter of
 *       L3, between 512 and 4096 columns.</li>
 * </ul>
 * Where sysfs gives no cache sizes the blocks are {@code mc = 96, kc = 256, nc = 2048}.
 */
final class KernelShape {

    /** The CPU the shapes are for. */
    static final CpuFeatures CPU = CpuFeatures.CURRENT;

    /** Rows of the register tile: {@code vectornn.simd.mr}, else from the register count. */
    static final int MR = rows(SimdSettings.requestedRows());
    /** Vectors per row of the register tile: {@code vectornn.simd.nv}, else from the register count. */
    static final int NV = vectors(SimdSettings.requestedVectors(), MR);

    private static final int DEFAULT_MC = 96;
    private static final int DEFAULT_KC = 256;
    private static final int DEFAULT_NC = 2048;

    private KernelShape() {
    }

    /** The tile height for a CPU with this many vector registers. */
    static int defaultRows(int registers) {
        return registers >= 32 ? 8 : 4;
    }

    private static int rows(int requested) {
        return requested != 0 ? requested : defaultRows(CPU.vectorRegisters());
    }

    private static int vectors(int requested, int mr) {
        if (requested != 0) {
            return requested;
        }
        return defaultVectors(CPU.vectorRegisters(), CPU.fma(), mr);
    }

    /** Vectors per tile row for a CPU with this many registers, with or without FMA, and tile height. */
    static int defaultVectors(int registers, boolean fma, int mr) {
        return registers == 16 && !fma && mr == 4 ? 3 : 2;
    }

    /** The cache blocks to use: the settings' where given, else from the cache sizes. */
    static Blocks blocks(SimdSettings s, CpuFeatures cpu) {
        int kc = s.kc() != 0 ? s.kc() : cpu.l1d() == 0 ? DEFAULT_KC : cpu.l1d() >= 32 << 10 ? 512 : 256;
        long floatsPerRow = 4L * kc;
        int mc = s.mc() != 0 ? s.mc() : cpu.l2() == 0 ? DEFAULT_MC : clamp(cpu.l2() / 4 / floatsPerRow, 48, 192);
        int nc = s.nc() != 0 ? s.nc() : cpu.l3() == 0 ? DEFAULT_NC : clamp(cpu.l3() / 4 / floatsPerRow, 512, 4096);
        return new Blocks(mc, kc, nc);
    }

    private static int clamp(long v, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, v));
    }

    /**
     * The cache blocks of a GEMM, in elements.
     *
     * @param mc rows of A per packed block
     * @param kc depth of the packed panels
     * @param nc columns of B per packed block
     */
    record Blocks(int mc, int kc, int nc) {
    }

    /** What was chosen and why, for {@code Backend.describe()}. */
    static String describe(SimdSettings s) {
        Blocks b = blocks(s, CPU);
        String fmaWhy = CPU.fma() ? "FMA from UseFMA" : "UseFMA off: separate multiply and add";
        String tileWhy = (SimdSettings.requestedRows() != 0 || SimdSettings.requestedVectors() != 0)
                ? "set by -D" + SimdSettings.PREFIX + "mr/nv"
                : CPU.vectorRegisters() + " vector registers (" + CPU.registersReason() + ")"
                + (NV == 3 ? ", 3 vectors per row without FMA" : "");
        String cacheWhy = CPU.l1d() == 0 ? "cache sizes unknown, safe defaults"
                : "from caches L1d " + kib(CPU.l1d()) + ", L2 " + kib(CPU.l2()) + ", L3 " + kib(CPU.l3());
        return "simd: Java Vector API, " + Lanes.F.vectorBitSize() + "-bit vectors (" + Lanes.L + " floats; widest here "
                + Lanes.preferredBits() + "), FMA " + (CPU.fma() ? "yes" : "no") + ", " + s.threads() + " thread" + (s.threads() == 1 ? "" : "s")
                + ", GEMM tile " + MicroKernel.MR + "x" + MicroKernel.NR + " (" + tileWhy + "; " + fmaWhy + "), blocks mc=" + b.mc()
                + " kc=" + b.kc() + " nc=" + b.nc() + " (" + (s.mc() + s.kc() + s.nc() != 0 ? "partly set by properties, rest " : "")
                + cacheWhy + ")" + (Lanes.FULL_OPS ? "" : ", element-wise kernels in scalar loops (UseAVX=0: C2 would box"
                + " vector max, sqrt and blends)");
    }

    private static String kib(long bytes) {
        return bytes == 0 ? "?" : bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
