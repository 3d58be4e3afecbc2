package dev.vectornn.backend.simd;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;

/** Generators of matrix sizes that hit the kernels' edges at every vector width. */
final class Shapes {

    /**
     * 0 and 1; one vector ± 1 at 128, 256 and 512 bits (4, 8, 16 lanes); the 4-row and 2-vector tile
     * edges (32 = two 512-bit vectors); primes. Mixed with any size up to 80.
     */
    private static final List<Integer> EDGES = List.of(0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 15, 16, 17, 23,
            31, 32, 33, 37, 47, 61, 63, 64, 65);

    private Shapes() {
    }

    /** A size: an edge case two times out of three, else anything in [0, 80]. */
    static Gen<Integer> size() {
        return Generate.pick(EDGES).mix(Generate.range(0, 80), 33);
    }

    /** A size that is at least 1. */
    static Gen<Integer> positiveSize() {
        return size().map(s -> Math.max(1, s));
    }

    /** Seeds for the random contents. */
    static Gen<Long> seed() {
        return Generate.longRange(0, Long.MAX_VALUE);
    }
}
