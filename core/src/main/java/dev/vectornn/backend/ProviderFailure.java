package dev.vectornn.backend;

import dev.vectornn.spi.Availability;

import java.util.ServiceConfigurationError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the failure of a backend provider that could not be loaded into a candidate's source and
 * availability, with one case told apart from the rest: a provider compiled for a newer Java than
 * the running JVM (the SIMD backend's jar, Java 25 bytecode, on a Java 17 JVM). The JVM's own message
 * for that repeats itself at length; here it becomes one sentence that says which Java is needed.
 */
final class ProviderFailure {

    /** HotSpot's wording: "a/b/C has been compiled by a more recent version ... (class file version 69.0), ...". */
    private static final Pattern NEWER_CLASS_FILE =
            Pattern.compile("^(\\S+) has been compiled by a more recent version.*?class file version (\\d+)");

    /** Class file major version 45 was Java 1.1; since Java 5 (49) each release adds one. */
    private static final int CLASS_FILE_VERSION_OF_JAVA_0 = 44;

    final String source;
    final Availability availability;

    private ProviderFailure(String source, Availability availability) {
        this.source = source;
        this.availability = availability;
    }

    static ProviderFailure of(Throwable failure) {
        UnsupportedClassVersionError tooNew = findTooNew(failure);
        if (tooNew != null) {
            Matcher m = NEWER_CLASS_FILE.matcher(String.valueOf(tooNew.getMessage()));
            if (m.find()) {
                int needs = Integer.parseInt(m.group(2)) - CLASS_FILE_VERSION_OF_JAVA_0;
                String provider = m.group(1).replace('/', '.');
                return new ProviderFailure(provider, Availability.unavailable(
                        "it is compiled for Java " + needs + " or newer and this JVM is Java " + Runtime.version().feature(),
                        "run on Java " + needs + " or newer to use it"));
            }
        }
        return new ProviderFailure(String.valueOf(failure.getMessage()),
                Availability.unavailable("failed to load: " + failure, "check the jar that provides it"));
    }

    private static UnsupportedClassVersionError findTooNew(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnsupportedClassVersionError) {
                return (UnsupportedClassVersionError) c;
            }
            if (!(c instanceof ServiceConfigurationError) && !(c instanceof LinkageError)) {
                return null;
            }
        }
        return null;
    }
}
