package dev.vectornn.backend.scalar;

import dev.vectornn.backend.scalar.contract.KernelsContract;
import dev.vectornn.spi.Kernels;

/**
 * The scalar backend passes its own conformance kit. Against itself the kit checks little of
 * the arithmetic (see {@link ReferenceOraclesTest} for that); it proves the kit runs, and checks
 * untouched padding, edge shapes and the allocation rule. Budget: about a second.
 */
class ReferenceKernelsContractTest extends KernelsContract {
    @Override
    protected Kernels kernels() {
        return new ScalarBackend().kernels();
    }
}
