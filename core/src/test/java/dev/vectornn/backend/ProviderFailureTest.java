package dev.vectornn.backend;

import dev.vectornn.spi.Backend;
import org.junit.jupiter.api.Test;

import java.util.ServiceConfigurationError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderFailureTest {

    /** What HotSpot 17 says when ServiceLoader meets the SIMD backend's Java 25 class file. */
    private static final String HOTSPOT_17 = "dev/vectornn/backend/simd/SimdBackend has been compiled by a more recent"
            + " version of the Java Runtime (class file version 69.0), this version of the Java Runtime only"
            + " recognizes class file versions up to 61.0";

    @Test
    void aProviderForANewerJavaIsNamedWithTheJavaItNeeds() {
        ProviderFailure f = ProviderFailure.of(new UnsupportedClassVersionError(HOTSPOT_17));
        assertEquals("dev.vectornn.backend.simd.SimdBackend", f.source);
        assertFalse(f.availability.available());
        assertEquals("it is compiled for Java 25 or newer and this JVM is Java " + Runtime.version().feature(),
                f.availability.reason());
        assertEquals("run on Java 25 or newer to use it", f.availability.remedy());
    }

    @Test
    void theSameWhenServiceLoaderWrapsIt() {
        ProviderFailure f = ProviderFailure.of(new ServiceConfigurationError(Backend.class.getName()
                + ": Provider could not be loaded", new UnsupportedClassVersionError(HOTSPOT_17)));
        assertEquals("dev.vectornn.backend.simd.SimdBackend", f.source);
        assertTrue(f.availability.reason().startsWith("it is compiled for Java 25"), f.availability.reason());
    }

    @Test
    void otherFailuresKeepTheirOwnMessage() {
        ProviderFailure f = ProviderFailure.of(new NoClassDefFoundError("org/example/Missing"));
        assertEquals("org/example/Missing", f.source);
        assertEquals("failed to load: java.lang.NoClassDefFoundError: org/example/Missing", f.availability.reason());
    }

    @Test
    void anUnfamiliarWordingFallsBackToTheGenericReport() {
        ProviderFailure f = ProviderFailure.of(new UnsupportedClassVersionError("Bad version number in .class file"));
        assertTrue(f.availability.reason().startsWith("failed to load: java.lang.UnsupportedClassVersionError"),
                f.availability.reason());
    }
}
