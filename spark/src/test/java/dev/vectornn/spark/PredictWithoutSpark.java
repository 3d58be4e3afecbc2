package dev.vectornn.spark;

import dev.vectornn.models.Sequential;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a child JVM whose class path has no Spark: loads a model file and prints its prediction
 * for the input given on the command line, one value per line.
 */
public final class PredictWithoutSpark {

    private PredictWithoutSpark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.apache.spark.SparkContext");
            System.err.println("Spark is on the class path");
            System.exit(2);
        } catch (ClassNotFoundException expected) {
            // The point of this program: no Spark here.
        }
        Sequential model = Sequential.load(Path.of(args[0]));
        float[] input = new float[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            input[i - 1] = Float.parseFloat(args[i]);
        }
        for (float v : model.predict(input)) {
            System.out.println(Float.floatToRawIntBits(v));
        }
        System.err.println("predicted " + Arrays.toString(model.predict(input)));
    }
}
