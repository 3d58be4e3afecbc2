package dev.vectornn.bench.io;

import dev.vectornn.data.csv.Csv;
import dev.vectornn.data.csv.LabeledData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Reading a large numeric CSV file: {@code vectornn} is {@code Csv.read(file).label(last).load()};
 * {@code commonsCsvBaseline} reads the same file the way data-csv did before its own reader
 * (Apache Commons CSV records, {@code Float.parseFloat} per cell, a {@code float[]} per row), so
 * the two are measured side by side in one run.
 *
 * <p>The file is generated in {@code @Setup} into a temporary folder: {@code megabytes} of rows
 * of {@code features} values (10 by default; 4 for an iris-like narrow file) written with 1 to 7
 * decimals (and an occasional exponent) and a label out of three, like a real export. It is
 * deleted afterwards.
 *
 * <p>{@code -prof gc} gives the allocation per read; the peak heap is what {@code -Xmx} a read
 * needs: try {@code -jvmArgsAppend -Xmx300m}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class CsvReadBenchmark {

    /** The size of the generated file. */
    @Param({"200"})
    public int megabytes;

    /** Feature columns a row: 10, or 4 for a narrow file, where an array per row would cost the most. */
    @Param({"10"})
    public int features;

    private Path dir;
    private Path file;

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        dir = Files.createTempDirectory("vectornn-csv-bench");
        file = dir.resolve("data.csv");
        SplittableRandom r = new SplittableRandom(42);
        long target = (long) megabytes << 20;
        String[] labels = {"setosa", "versicolor", "virginica"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            long rows = 0;
            StringBuilder line = new StringBuilder();
            while (written < target) {
                rows++;
                line.setLength(0);
                for (int j = 0; j < features; j++) {
                    double v = r.nextGaussian() * Math.pow(10, r.nextInt(4));
                    line.append(r.nextInt(50) == 0 ? String.format(Locale.ROOT, "%.3e", v)
                            : String.format(Locale.ROOT, "%." + (1 + r.nextInt(7)) + "f", v)).append(',');
                }
                line.append(labels[r.nextInt(3)]).append('\n');
                w.append(line);
                written += line.length();
            }
            // For reading -prof gc: the parsed data is rows × features floats.
            System.out.printf("CsvReadBenchmark: %d MB, %d rows, %d MB of float data%n", written >> 20, rows,
                    rows * features * 4L >> 20);
        }
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public LabeledData vectornn() {
        return Csv.read(file).label(features).load();
    }

    @Benchmark
    public float[][] commonsCsvBaseline() throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        List<float[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                float[] row = new float[features];
                for (int j = 0; j < features; j++) {
                    row[j] = Float.parseFloat(record.get(j));
                }
                rows.add(row);
                labels.add(record.get(features));
            }
        }
        return rows.toArray(new float[0][]);
    }
}
