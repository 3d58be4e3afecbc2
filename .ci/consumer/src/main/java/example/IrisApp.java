package example;

import dev.vectornn.VectorNN;
import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.OneHot;
import dev.vectornn.data.csv.Csv;
import dev.vectornn.data.csv.LabeledData;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a user's program looks like: trains the lecture's iris network from a CSV file, saves it,
 * loads it back and checks that the loaded model predicts the same. Written to compile with
 * {@code --release 17}, so the CI runs this one program on Java 25 and on Java 17.
 *
 * <p>Usage: {@code IrisApp iris.csv}. Prints the version, the backend, the accuracy and
 * {@code loaded model predicts the same}; exits with 1 if it does not.
 */
public final class IrisApp {

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: IrisApp IRIS_CSV");
            System.exit(2);
        }
        System.out.println("vectornn " + VectorNN.version() + " on Java " + Runtime.version().feature());
        double accuracy = train(Path.of(args[0]));
        System.out.printf("accuracy %.4f%n", accuracy);
    }

    /** Trains, saves, reloads; returns the training accuracy. */
    static double train(Path csv) throws Exception {
        LabeledData df = Csv.read(csv).label(4).load();
        float[][] x = df.features();
        float[][] y = OneHot.toCategorical(LabelEncoder.fitTransform(df.labels()));

        Sequential model = new Sequential();
        model.add(new Dense(16, "relu").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.seed(1);
        model.compile("categorical_crossentropy", "adam", "accuracy");
        model.fit(x, y, FitOptions.epochs(30).batchSize(8).verbose(0));
        System.out.println("backend " + model.backend().name());

        Path file = Files.createTempFile("iris", ".safetensors");
        try {
            model.save(file);
            Sequential loaded = Sequential.load(file);
            if (!Arrays.deepEquals(model.predict(x), loaded.predict(x))) {
                System.err.println("the loaded model predicts differently");
                System.exit(1);
            }
            System.out.println("loaded model predicts the same");
        } finally {
            Files.deleteIfExists(file);
        }
        return model.evaluate(x, y).accuracy();
    }
}
