package dev.vectornn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * scikit-learn's digits (8×8 images, 1797 rows), split into training and test rows, as
 * {@code bench/peers/peers.py digits-data FILE} writes them: one line per row,
 * {@code train|test,label,pixel0,…,pixel63}, pixels already scaled to [0, 1]. The PyTorch peer
 * reads the same split, so both train on the same data. The file's path comes from the system
 * property {@value #PROPERTY}.
 *
 * @param trainX training inputs
 * @param trainY training targets, one-hot
 * @param testX  test inputs
 * @param testLabels test labels
 */
public record DigitsRows(float[][] trainX, float[][] trainY, float[][] testX, int[] testLabels) {

    /** The system property naming the data file. */
    public static final String PROPERTY = "vectornn.bench.digits";
    static final int PIXELS = 64;
    static final int CLASSES = 10;

    /** Loads the file named by {@value #PROPERTY}. */
    public static DigitsRows load() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("-D" + PROPERTY + " is not set: write the data with "
                    + "'/usr/bin/python3 bench/peers/peers.py digits-data FILE' and pass -D" + PROPERTY + "=FILE");
        }
        return parse(Path.of(file));
    }

    static DigitsRows parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the digits data " + file, e);
        }
        List<float[]> trainX = new ArrayList<>();
        List<float[]> trainY = new ArrayList<>();
        List<float[]> testX = new ArrayList<>();
        List<Integer> testLabels = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String[] f = lines.get(n).split(",");
            if (f.length != 2 + PIXELS) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected " + (2 + PIXELS)
                        + " comma-separated fields (split, label, 64 pixels), found " + f.length);
            }
            int label = Integer.parseInt(f[1]);
            float[] x = new float[PIXELS];
            for (int i = 0; i < PIXELS; i++) {
                x[i] = Float.parseFloat(f[2 + i]);
            }
            if (f[0].equals("train")) {
                float[] y = new float[CLASSES];
                y[label] = 1f;
                trainX.add(x);
                trainY.add(y);
            } else {
                testX.add(x);
                testLabels.add(label);
            }
        }
        return new DigitsRows(trainX.toArray(new float[0][]), trainY.toArray(new float[0][]),
                testX.toArray(new float[0][]), testLabels.stream().mapToInt(Integer::intValue).toArray());
    }
}
