package dev.vectornn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorNNTest {

    @Test
    void versionIsTheFilteredProjectVersion() {
        String v = VectorNN.version();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), "not a Maven release or snapshot version: " + v);
        assertEquals(v, VectorNN.version(), "read once and kept");
    }

    @Test
    void describeStartsWithTheVersion() {
        assertTrue(VectorNN.describe().startsWith("vectornn " + VectorNN.version() + " on Java "),
                VectorNN.describe());
    }
}
