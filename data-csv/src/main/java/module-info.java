/** Reads CSV files into features and labels with a lean, strict RFC 4180 reader of its own. */
module dev.vectornn.data.csv {
    requires transitive dev.vectornn.core;
    exports dev.vectornn.data.csv;
}
