package org.example.gemmonly;

import dev.vectornn.backend.scalar.contract.KernelsContract;
import dev.vectornn.spi.Kernels;

/** The outside backend passes the published conformance kit. Budget: about two seconds. */
class GemmOnlyKernelsContractTest extends KernelsContract {
    @Override
    protected Kernels kernels() {
        return new GemmOnlyKernels();
    }
}
