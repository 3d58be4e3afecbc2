package dev.vectornn.backend.simd;

import dev.vectornn.backend.Backends;
import dev.vectornn.backend.scalar.contract.KernelsContract;
import dev.vectornn.spi.Kernels;

/**
 * The SIMD backend passes the published conformance kit against the reference kernels, with
 * whatever settings this run has (the default: small shapes on the reference path, large ones
 * vectorised; the forced-vector executions of this module's surefire setup run it too).
 * Budget: a few seconds.
 */
class SimdKernelsContractTest extends KernelsContract {
    @Override
    protected Kernels kernels() {
        return Backends.named("simd").kernels();
    }
}
