package dev.vectornn.data.csv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peak heap of reading a large narrow file (issue #13: "memory at most about 1.5× the parsed
 * float data"): a child JVM whose whole heap ({@code -Xmx}) is 1.5× the file's float data reads it.
 * An allocation count (as in {@link CsvMemoryTest}) bounds the peak from above; this shows the
 * peak itself fits, collector, fragmentation and the JVM's own objects included.
 *
 * <p>The file is iris-shaped, 4 features and a species name a row, {@value #MEGABYTES} MB by
 * default ({@code -Dcsv.peak.megabytes=200} for the size). A second child with the same
 * heap asks for the rows as {@code float[][]} (an array per row, as the read kept before its
 * blocks) and must run out of memory: that proves the heap is tight enough to tell.
 */
class CsvPeakHeapTest {

    private static final int MEGABYTES = 64;
    private static final int COLS = 4;

    @Test
    void aNarrowFileIsReadInAHeapOfOneAndAHalfTimesItsFloatData(@TempDir Path dir) throws Exception {
        long megabytes = Long.getLong("csv.peak.megabytes", MEGABYTES);
        Path file = dir.resolve("narrow.csv");
        long rows = write(file, megabytes << 20);
        long floatData = rows * COLS * Float.BYTES;
        long heap = floatData * 3 / 2;

        Child blocks = Child.run(file, heap, false);
        System.out.printf(Locale.ROOT, "CsvPeakHeapTest: %d MB file, %d rows x %d floats = %.1f MB of float data, "
                + "-Xmx%dk (1.5x): exit %d; %s%n", Files.size(file) >> 20, rows, COLS, floatData / 1e6, heap >> 10,
                blocks.exit, blocks.output.strip());
        assertEquals(0, blocks.exit, "reading within 1.5x the float data failed:\n" + blocks.output);
        assertTrue(blocks.output.contains("rows=" + rows + " "), blocks.output);

        Child arrays = Child.run(file, heap, true);
        System.out.printf(Locale.ROOT, "CsvPeakHeapTest: the same read asked for float[][] in that heap: exit %d%n",
                arrays.exit);
        assertNotEquals(0, arrays.exit, "an array per row fitted in the heap too, so this heap proves nothing:\n"
                + arrays.output);
        assertTrue(arrays.output.contains("OutOfMemoryError"), arrays.output);
    }

    /** Writes iris-like rows until the file has {@code bytes} bytes; returns the rows. Bytes, not strings, to write fast. */
    private static long write(Path file, long bytes) throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        byte[][] labels = {"Iris-setosa".getBytes(StandardCharsets.US_ASCII),
                           "Iris-versicolor".getBytes(StandardCharsets.US_ASCII),
                           "Iris-virginica".getBytes(StandardCharsets.US_ASCII)};
        long written = 0;
        long rows = 0;
        byte[] line = new byte[64];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            while (written < bytes) {
                int n = 0;
                for (int c = 0; c < COLS; c++) {
                    line[n++] = (byte) ('0' + r.nextInt(10));
                    line[n++] = '.';
                    for (int d = 1 + r.nextInt(3); d > 0; d--) {
                        line[n++] = (byte) ('0' + r.nextInt(10));
                    }
                    line[n++] = ',';
                }
                byte[] label = labels[r.nextInt(3)];
                System.arraycopy(label, 0, line, n, label.length);
                n += label.length;
                line[n++] = '\n';
                out.write(line, 0, n);
                written += n;
                rows++;
            }
        }
        return rows;
    }

    /** A JVM that reads the file with {@code -Xmx} set and prints what it read. */
    record Child(int exit, String output) {

        static Child run(Path file, long heap, boolean asArrays) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + (heap >> 10) + "k", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                    CsvPeakHeapTest.class.getName() + "$Main", file.toString(), Boolean.toString(asArrays))
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("the reading JVM did not finish");
            }
            return new Child(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        }
    }

    /** The child: reads the file (and, if asked, its rows as arrays) and prints rows, retained and peak heap. */
    static final class Main {
        public static void main(String[] args) throws ReflectiveOperationException {
            LabeledData d = Csv.read(Path.of(args[0])).label(COLS).load();
            long sum = 0;
            if (Boolean.parseBoolean(args[1])) {
                sum = d.features().length;
            }
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf(Locale.ROOT, "rows=%d labels=%d retained=%.1f MB, heap pools' peaks summed=%.1f MB%s%n", d.size(),
                    d.labels().size(), (rt.totalMemory() - rt.freeMemory()) / 1e6, heapPeak() / 1e6, sum > 0 ? " (arrays)" : "");
        }

        /** The sum of the heap pools' peak use (an upper bound of the peak: pools peak at different times). */
        private static long heapPeak() throws ReflectiveOperationException {
            // Reflection: the test sources compile inside data-csv's module, which does not read java.management.
            Class<?> pool = Class.forName("java.lang.management.MemoryPoolMXBean");
            Method usage = Class.forName("java.lang.management.MemoryUsage").getMethod("getUsed");
            long peak = 0;
            for (Object p : (List<?>) Class.forName("java.lang.management.ManagementFactory").getMethod("getMemoryPoolMXBeans")
                    .invoke(null)) {
                if (pool.getMethod("getType").invoke(p).toString().startsWith("Heap")) {
                    peak += (Long) usage.invoke(pool.getMethod("getPeakUsage").invoke(p));
                }
            }
            return peak;
        }
    }
}
