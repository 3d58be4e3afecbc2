package dev.vectornn.bench;

import dev.vectornn.backend.Backends;
import jdk.incubator.vector.FloatVector;

import java.util.stream.Collectors;

/**
 * Prints, as {@code key=value} lines, what {@code bench/report} records about the JVM next to the
 * results: Java version and VM, processors, the Vector API's preferred width, the backends found.
 * Run with {@code --add-modules jdk.incubator.vector}.
 */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static void main(String[] args) {
        System.out.println("java.version=" + System.getProperty("java.version"));
        System.out.println("java.vm=" + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("processors=" + Runtime.getRuntime().availableProcessors());
        System.out.println("vector.preferred.bits=" + FloatVector.SPECIES_PREFERRED.vectorBitSize());
        System.out.println("backends=" + Backends.candidates().stream()
                .map(c -> c.name() + " (" + c.availability() + ")")
                .collect(Collectors.joining(", ")));
        // What each available backend chose for this CPU (the SIMD one: width, tile, blocks and why).
        Backends.candidates().stream()
                .filter(c -> c.backend() != null && c.availability().available())
                .forEach(c -> System.out.println("backend." + c.name() + "=" + c.backend().describe()));
    }
}
