package example;

import dev.vectornn.backend.Backends;
import dev.vectornn.spi.Availability;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Surefire passes the Vector API flag (see the pom), so the SIMD backend runs the tests. */
class IrisAppTest {

    @Test
    void trainsSavesAndReloads() throws Exception {
        double accuracy = IrisApp.train(Path.of("../../examples/src/main/resources/iris.csv"));
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void theFlagReachesTheTestJvm() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "Surefire's argLine did not add jdk.incubator.vector");
        Availability simd = Backends.named("simd").availability();
        assumeTrue(simd.available(), "the SIMD backend cannot run on this machine: " + simd);
        assertEquals("simd", Backends.current().name(), Backends.describe());
    }
}
