package dev.vectornn.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API constants every kernel uses. Kept apart from {@link SimdBackend} so that no
 * vector class is loaded before {@link JvmChecks} has found the module.
 *
 * <p>{@link #F} is {@code static final}, as C2 needs to intrinsify vector operations: a species
 * read from a non-final field or passed as a parameter would make every operation allocate.
 */
final class Lanes {

    /** The float species in use: {@code vectornn.simd.bits} wide, else the preferred width. */
    static final VectorSpecies<Float> F = species(Integer.getInteger(SimdSettings.PREFIX + "bits", 0));
    /** Floats per vector. */
    static final int L = F.length();
    /**
     * Whether HotSpot uses fused multiply-add instructions. Without them a vector {@code fma} is
     * emulated lane by lane ({@code Math.fma}), slowly and allocating, so kernels use
     * {@code mul().add()} instead; this constant folds the choice away.
     */
    static final boolean FMA = CpuFeatures.CURRENT.fma();
    /**
     * Whether C2 compiles every vector operation the element-wise kernels use. On x86 without AVX
     * ({@code -XX:UseAVX=0}, SSE only) it does not intrinsify float {@code max}/{@code min},
     * {@code SQRT}, compare-and-blend or int-to-float conversion: each would box and allocate (a
     * relu layer allocated 300 KB per call). There the element-wise kernels run their scalar
     * loops; products (loads, broadcasts, multiplies, adds, stores) stay vectorised.
     */
    static final boolean FULL_OPS = CpuFeatures.CURRENT.useAvx() != 0;

    private Lanes() {
    }

    /**
     * Where an element-wise loop over {@code n} elements stops running whole vectors: the
     * species' loop bound, or 0 (all scalar) where the kernel's operations would box.
     */
    static int vectorBound(int n) {
        return FULL_OPS ? F.loopBound(n) : 0;
    }

    /** The preferred float vector width of this JVM and CPU, in bits. */
    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    private static VectorSpecies<Float> species(int bits) {
        if (bits == 0 || bits > preferredBits()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }
}
