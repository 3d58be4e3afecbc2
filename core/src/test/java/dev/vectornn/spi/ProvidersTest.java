package dev.vectornn.spi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Providers#load} against real {@code ServiceLoader} discovery: the test resources register
 * three providers of {@link TestService}, one of which throws in its constructor and one of which
 * names a class that does not exist. The good one must still be found.
 */
class ProvidersTest {

    public interface TestService {
        String hello();
    }

    public static final class GoodProvider implements TestService {
        @Override
        public String hello() {
            return "hello";
        }
    }

    public static final class ThrowingProvider implements TestService {
        public ThrowingProvider() {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public String hello() {
            return "never";
        }
    }

    @Test
    void brokenProvidersAreReportedAndTheGoodOneSurvives() {
        List<Providers.Loaded<TestService>> loaded = Providers.load(TestService.class);
        assertEquals(3, loaded.size(), loaded.toString());
        List<Providers.Loaded<TestService>> ok = loaded.stream().filter(Providers.Loaded::ok).toList();
        assertEquals(1, ok.size());
        assertEquals("hello", ok.get(0).provider().hello());
        List<String> failures = loaded.stream().filter(l -> !l.ok()).map(l -> l.failure().toString()).toList();
        assertTrue(failures.stream().anyMatch(f -> f.contains("ThrowingProvider")), failures.toString());
        assertTrue(failures.stream().anyMatch(f -> f.contains("DoesNotExist")), failures.toString());
        assertFalse(failures.isEmpty());
    }
}
