package dev.vectornn.bench;

import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.OneHot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's 150 iris rows (a copy of the examples' {@code iris.csv}, UCI layout, no header),
 * as the features and one-hot targets the iris program trains on. Bench keeps its own copy and a
 * ten-line reader so that it needs neither the examples nor the CSV module.
 */
public record IrisRows(float[][] x, float[][] y) {

    private static final String RESOURCE = "iris.csv";

    /** Loads the bundled rows. */
    public static IrisRows load() {
        List<float[]> features = new ArrayList<>();
        List<String> species = new ArrayList<>();
        try (InputStream in = IrisRows.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing from the benchmarks jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 5) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": expected 5 fields, got " + f.length);
                }
                features.add(new float[]{Float.parseFloat(f[0]), Float.parseFloat(f[1]),
                        Float.parseFloat(f[2]), Float.parseFloat(f[3])});
                species.add(f[4].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IrisRows(features.toArray(float[][]::new), OneHot.toCategorical(LabelEncoder.fitTransform(species)));
    }
}
