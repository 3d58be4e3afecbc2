/** Reads CSV files into features and labels; Apache Commons CSV does the parsing. */
module dev.vectornn.data.csv {
    requires transitive dev.vectornn.core;
    requires org.apache.commons.csv;
    exports dev.vectornn.data.csv;
}
