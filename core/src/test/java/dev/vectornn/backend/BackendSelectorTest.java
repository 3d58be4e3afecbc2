package dev.vectornn.backend;

import dev.vectornn.spi.Availability;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;
import dev.vectornn.spi.Providers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceConfigurationError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of backend selection, with test-only providers. */
class BackendSelectorTest {

    /** A test provider; kernels are never needed to decide. */
    record FakeBackend(String name, int priority, Availability availability) implements Backend {
        @Override
        public Kernels kernels() {
            throw new AssertionError("selection must not create kernels");
        }
    }

    /** A provider whose availability check blows up, as a half-broken jar might. */
    static final class ThrowingBackend implements Backend {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public Availability availability() {
            throw new NoClassDefFoundError("jdk/incubator/vector/FloatVector");
        }

        @Override
        public Kernels kernels() {
            throw new AssertionError();
        }
    }

    private static final Backend SCALAR = new FakeBackend("scalar", 0, Availability.ok());
    private static final Backend FAST = new FakeBackend("fast", 100, Availability.ok());
    private static final Backend MISSING_FLAG = new FakeBackend("simd", 100,
            Availability.unavailable("jdk.incubator.vector is not readable", "add --add-modules jdk.incubator.vector"));

    private static List<BackendSelector.Candidate> probe(Backend... backends) {
        return BackendSelector.probe(java.util.Arrays.stream(backends)
                .map(b -> new Providers.Loaded<>(b, null)).toList());
    }

    @Test
    void highestPriorityAvailableWins() {
        var s = BackendSelector.select(probe(SCALAR, FAST), null, null);
        assertSame(FAST, s.chosen());
        assertTrue(s.how().contains("priority"), s.how());
        assertTrue(s.warnings().isEmpty());
    }

    @Test
    void systemPropertyBeatsPriorityAndEnvironment() {
        var s = BackendSelector.select(probe(SCALAR, FAST), "scalar", "fast");
        assertSame(SCALAR, s.chosen());
        assertTrue(s.how().contains("system property vectornn.backend=scalar"), s.how());
    }

    @Test
    void environmentBeatsPriority() {
        var s = BackendSelector.select(probe(SCALAR, FAST), null, "SCALAR");
        assertSame(SCALAR, s.chosen());
        assertTrue(s.how().contains("VECTORNN_BACKEND"), s.how());
    }

    @Test
    void blankPropertyFallsThroughToEnvironment() {
        var s = BackendSelector.select(probe(SCALAR, FAST), " ", "scalar");
        assertSame(SCALAR, s.chosen());
    }

    @Test
    void unknownNameListsTheBackendsFound() {
        var e = assertThrows(IllegalStateException.class,
                () -> BackendSelector.select(probe(SCALAR, FAST), "cuda", null));
        assertTrue(e.getMessage().contains("'cuda'"), e.getMessage());
        assertTrue(e.getMessage().contains("scalar, fast"), e.getMessage());
    }

    @Test
    void requestedButUnavailableSaysWhyAndHowToFix() {
        var e = assertThrows(IllegalStateException.class,
                () -> BackendSelector.select(probe(SCALAR, MISSING_FLAG), "simd", null));
        assertTrue(e.getMessage().contains("not readable"), e.getMessage());
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }

    @Test
    void unavailableBackendIsSkippedWithOneWarningNamingTheFix() {
        var s = BackendSelector.select(probe(MISSING_FLAG, SCALAR), null, null);
        assertSame(SCALAR, s.chosen());
        assertEquals(1, s.warnings().size());
        String w = s.warnings().get(0);
        assertTrue(w.contains("simd") && w.contains("--add-modules jdk.incubator.vector") && w.contains("scalar"), w);
    }

    @Test
    void lowerPriorityUnavailableBackendIsNotWorthAWarning() {
        Backend slowBroken = new FakeBackend("slow", -5, Availability.unavailable("nope", ""));
        var s = BackendSelector.select(probe(slowBroken, SCALAR), null, null);
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    }

    @Test
    void noBackendAtAllSaysWhichJarToAdd() {
        var e = assertThrows(IllegalStateException.class, () -> BackendSelector.select(List.of(), null, null));
        assertTrue(e.getMessage().contains("vectornn-backend-scalar"), e.getMessage());
        assertTrue(e.getMessage().contains("vectornn-backend-simd"), e.getMessage());
    }

    @Test
    void noneAvailableListsEachReason() {
        var e = assertThrows(IllegalStateException.class, () -> BackendSelector.select(probe(MISSING_FLAG), null, null));
        assertTrue(e.getMessage().contains("simd: unavailable: jdk.incubator.vector is not readable"), e.getMessage());
    }

    @Test
    void providerThatThrowsWhileProbedIsSkippedAndReported() {
        var s = BackendSelector.select(probe(new ThrowingBackend(), SCALAR), null, null);
        assertSame(SCALAR, s.chosen());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("ThrowingBackend") && w.contains("NoClassDefFoundError")),
                s.warnings().toString());
    }

    @Test
    void providerThatFailedToLoadIsSkippedAndReported() {
        List<Providers.Loaded<Backend>> loaded = List.of(
                new Providers.Loaded<>(null, new ServiceConfigurationError("dev.vectornn.spi.Backend: Provider com.example.Broken could not be instantiated")),
                new Providers.Loaded<>(SCALAR, null));
        var s = BackendSelector.select(BackendSelector.probe(loaded), null, null);
        assertSame(SCALAR, s.chosen());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("com.example.Broken")), s.warnings().toString());
    }

    @Test
    void equalPrioritiesKeepDiscoveryOrder() {
        Backend a = new FakeBackend("a", 5, Availability.ok());
        Backend b = new FakeBackend("b", 5, Availability.ok());
        assertSame(a, BackendSelector.select(probe(a, b), null, null).chosen());
    }
}
