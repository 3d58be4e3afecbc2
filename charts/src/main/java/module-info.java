/**
 * vectornn charts: a training {@code History} and per-layer gradient norms drawn as PNG with XChart,
 * headless. Kept out of core so that the library itself needs no charting dependency.
 */
module dev.vectornn.charts {
    requires transitive dev.vectornn.core;
    requires transitive org.knowm.xchart;
    requires java.desktop;
    exports dev.vectornn.charts;
}
