package dev.vectornn.examples;

import dev.vectornn.data.csv.Csv;
import dev.vectornn.data.csv.LabeledData;

import java.io.InputStream;
import java.nio.file.Path;

/** Fisher's iris data: the copy bundled with the examples, or a file the user names. */
public final class IrisData {

    /** The column names the lecture's {@code read_csv(..., names=[...])} gives. */
    public static final String[] COLUMNS = {"sepal_length", "sepal_width", "petal_length", "petal_width", "species"};

    private IrisData() {
    }

    /** The bundled 150-row file (UCI layout, no header, species in column 4). */
    public static LabeledData load() {
        InputStream in = IrisData.class.getResourceAsStream("/iris.csv");
        return Csv.read(in, "iris.csv (bundled)").label(4).load();
    }

    /** A file in the same layout. */
    public static LabeledData load(Path path) {
        return Csv.read(path).label(4).load();
    }
}
