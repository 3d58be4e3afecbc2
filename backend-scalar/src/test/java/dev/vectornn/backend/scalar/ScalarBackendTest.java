package dev.vectornn.backend.scalar;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider: its name, priority, availability and one shared reference-kernels instance. */
class ScalarBackendTest {

    @Test
    void isTheAlwaysAvailableReferenceUnderItsName() {
        ScalarBackend backend = new ScalarBackend();
        assertEquals("scalar", backend.name());
        assertEquals(0, backend.priority());
        assertTrue(backend.availability().available());
        assertTrue(backend.describe().startsWith("scalar: "), backend.describe());
        assertSame(backend.kernels(), new ScalarBackend().kernels());
        assertEquals(ReferenceKernels.class, backend.kernels().getClass());
    }
}
