package dev.vectornn.it;

import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.OneHot;
import dev.vectornn.data.csv.Csv;
import dev.vectornn.data.csv.LabeledData;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;

import java.nio.file.Path;

/** The iris data for tests, read from the copy the examples ship. */
final class Iris {
    static final LabeledData DATA = Csv.read(Path.of("..", "examples", "src", "main", "resources", "iris.csv")).label(4).load();
    static final float[][] X = DATA.features();
    static final int[] LABELS = LabelEncoder.fitTransform(DATA.labels());
    static final float[][] Y = OneHot.toCategorical(LABELS);

    private Iris() {
    }

    /** The lecture's network (4 → 16 relu → 3 softmax, MSE, SGD, accuracy), compiled with {@code seed}. */
    static Sequential lectureModel(long seed) {
        Sequential model = new Sequential().seed(seed);
        model.add(new Dense(16, "relu").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.compile("mean_squared_error", "sgd", "accuracy");
        return model;
    }
}
