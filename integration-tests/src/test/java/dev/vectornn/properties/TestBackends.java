package dev.vectornn.properties;

import dev.vectornn.backend.Backends;
import dev.vectornn.spi.Backend;

import java.util.List;

/** The backends the properties run on: every one available on the test class path. */
final class TestBackends {

    private TestBackends() {
    }

    static List<Backend> all() {
        List<Backend> all = Backends.available();
        if (all.isEmpty()) {
            throw new IllegalStateException("No backend available on the test class path: " + Backends.describe());
        }
        return all;
    }
}
