package dev.vectornn.backend.simd;

/**
 * The tuning knobs of the SIMD backend, read and validated from system properties in this one
 * place: a bad value makes the backend unavailable with a message naming the property and what
 * it accepts. Loads no Vector API class, so the provider can read them before it knows the module
 * is there. Knobs left unset (0 here) are chosen for the CPU by {@link KernelShape}.
 *
 * <ul>
 *   <li>{@code vectornn.simd.bits}: vector width, 128, 256 or 512 (default: the JVM's preferred
 *       width; a width above it is refused, since the Vector API would emulate it slowly)</li>
 *   <li>{@code vectornn.simd.mc}, {@code .kc}, {@code .nc}: the GEMM's cache blocks: rows of A
 *       packed at a time (L2), depth of one packed panel (L1), columns of B packed at a time
 *       (default: from the cache sizes, see {@link KernelShape})</li>
 *   <li>{@code vectornn.simd.mr}: rows of the GEMM's register tile, 4, 6 or 8 (default: 8 with 32
 *       vector registers, 4 with 16; see {@link KernelShape})</li>
 *   <li>{@code vectornn.simd.nv}: vectors per row of that tile, 2 or 3 (3 only with 4 rows;
 *       default: 3 on 16 registers without FMA, else 2; see {@link KernelShape})</li>
 *   <li>{@code vectornn.simd.smallFlops}: below this many multiply-adds ({@code m·n·k}) a matrix
 *       product runs plain scalar loops, which C2 compiles early and which need no packing</li>
 *   <li>{@code vectornn.simd.smallElements}: element-wise kernels on fewer elements run scalar</li>
 *   <li>{@code vectornn.simd.parallelFlops}: from this many multiply-adds a product is split over
 *       the thread pool</li>
 *   <li>{@code vectornn.threads}: the pool's size (default: available processors)</li>
 * </ul>
 *
 * @param bits           requested vector width, 0 for the preferred one
 * @param mc             rows of A per packed block, 0 to choose from the caches
 * @param kc             depth of the packed panels, 0 to choose from the caches
 * @param nc             columns of B per packed block, 0 to choose from the caches
 * @param smallFlops     below this {@code m·n·k} GEMMs run scalar loops
 * @param smallElements  below this element count element-wise kernels run scalar loops
 * @param parallelFlops  from this {@code m·n·k} GEMMs use the thread pool
 * @param threads        thread-pool size
 */
record SimdSettings(int bits, int mc, int kc, int nc, long smallFlops, int smallElements,
                    long parallelFlops, int threads) {

    static final String PREFIX = "vectornn.simd.";

    /**
     * Reads the system properties.
     *
     * @throws IllegalArgumentException naming the property whose value is not a valid number
     */
    static SimdSettings fromSystemProperties() {
        int bits = (int) read(PREFIX + "bits", 0, 0);
        if (bits != 0 && bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("-D" + PREFIX + "bits=" + bits + " is not a vector width: use 128, 256 or 512");
        }
        requestedRows();
        requestedVectors();
        return new SimdSettings(bits,
                (int) read(PREFIX + "mc", 0, 1),
                (int) read(PREFIX + "kc", 0, 1),
                (int) read(PREFIX + "nc", 0, 1),
                read(PREFIX + "smallFlops", 16_384, 0),
                (int) read(PREFIX + "smallElements", 1024, 0),
                // 2^21: handing a part to a GemmPool worker that is still spinning costs a few µs
                // (a ForkJoinPool's parked worker cost ~60 µs, which needed 2^24, issue #17). A
                // quick back-to-back check on a shared 2-core EPYC VM, four runs: 128×128×128
                // (2^21) 24-26 µs on 1 thread, 13-17 on 2 in three runs and 25 in one (ForkJoinPool:
                // 57); 64×256×256 (2^22) 45-53 µs, 27-34 on 2 in three runs and 53 in one
                // (ForkJoinPool: 69); 2^20 gained in some runs only. JMH on the digits network (2 threads,
                // bench/RESULTS.md): 2^21 and 2^22 the same within the noise (6.5-8.5 ms per epoch),
                // against 9.2 with the ForkJoinPool at 2^24 (nothing split); 2^21 lets 128³ gain too.
                read(PREFIX + "parallelFlops", 1L << 21, 0),
                (int) read("vectornn.threads", Runtime.getRuntime().availableProcessors(), 1));
    }

    /**
     * The register tile height asked for by {@code vectornn.simd.mr}, or 0 when unset.
     *
     * @throws IllegalArgumentException if it is not 4, 6 or 8
     */
    static int requestedRows() {
        int mr = (int) read(PREFIX + "mr", 0, 0);
        if (mr != 0 && mr != 4 && mr != 6 && mr != 8) {
            throw new IllegalArgumentException("-D" + PREFIX + "mr=" + mr + " is not a register tile height: use 4, 6 or 8");
        }
        return mr;
    }

    /**
     * The vectors per register tile row asked for by {@code vectornn.simd.nv}, or 0 when unset.
     *
     * @throws IllegalArgumentException if it is not 2 or 3, or 3 with a tile height other than 4
     */
    static int requestedVectors() {
        int nv = (int) read(PREFIX + "nv", 0, 0);
        if (nv != 0 && nv != 2 && nv != 3) {
            throw new IllegalArgumentException("-D" + PREFIX + "nv=" + nv + " is not a register tile width: use 2 or 3 vectors");
        }
        int mr = requestedRows();
        if (nv == 3 && mr != 0 && mr != 4) {
            throw new IllegalArgumentException("-D" + PREFIX + "nv=3 needs a tile height of 4, not -D" + PREFIX + "mr=" + mr);
        }
        return nv;
    }

    private static long read(String name, long defaultValue, long min) {
        String text = System.getProperty(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + "=" + text + " is not a whole number", e);
        }
        if (value < min || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("-D" + name + "=" + text + " is out of range: expected at least " + min);
        }
        return value;
    }
}
