package dev.vectornn.backend.simd;

import dev.vectornn.backend.Backends;

/** Prints what backend selection found; run in child JVMs by {@link AvailabilityTest}. */
public final class PrintBackends {

    private PrintBackends() {
    }

    public static void main(String[] args) {
        System.out.println(Backends.describe());
    }
}
