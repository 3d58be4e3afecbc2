package dev.vectornn.spi;

import java.util.Objects;

/**
 * Whether a {@link Backend} can run in this JVM, and if not, why and how to fix it.
 *
 * @param available  true if the backend can be used here
 * @param reason     why it cannot run (empty when available)
 * @param remedy     what the user can do about it, e.g. the exact JVM flag (empty when available)
 */
public record Availability(boolean available, String reason, String remedy) {

    private static final Availability AVAILABLE = new Availability(true, "", "");

    public Availability {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(remedy, "remedy");
    }

    /** The backend can run here. */
    public static Availability ok() {
        return AVAILABLE;
    }

    /** The backend cannot run here, because {@code reason}; {@code remedy} tells how to fix it. */
    public static Availability unavailable(String reason, String remedy) {
        return new Availability(false, reason, remedy);
    }

    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason + (remedy.isEmpty() ? "" : " (" + remedy + ")");
    }
}
