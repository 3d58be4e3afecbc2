/** The lecture's programs, runnable with ./run-example. */
module dev.vectornn.examples {
    requires dev.vectornn.core;
    requires dev.vectornn.data.csv;
    requires dev.vectornn.onnx;
    requires info.picocli;
    requires java.desktop;
    requires dev.vectornn.charts;
    exports dev.vectornn.examples;
    opens dev.vectornn.examples to info.picocli;
}
