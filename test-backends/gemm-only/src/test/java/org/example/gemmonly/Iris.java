package org.example.gemmonly;

import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.OneHot;
import dev.vectornn.data.csv.Csv;
import dev.vectornn.data.csv.LabeledData;

import java.nio.file.Path;

/** The iris data, read from the copy the examples ship. */
final class Iris {
    static final LabeledData DATA =
            Csv.read(Path.of("..", "..", "examples", "src", "main", "resources", "iris.csv")).label(4).load();
    static final float[][] X = DATA.features();
    static final float[][] Y = OneHot.toCategorical(LabelEncoder.fitTransform(DATA.labels()));

    private Iris() {
    }
}
