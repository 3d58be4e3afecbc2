package dev.vectornn.spark.cluster;

import com.fasterxml.jackson.core.JsonFactory;
import dev.vectornn.VectorNN;
import dev.vectornn.backend.scalar.ScalarBackend;
import dev.vectornn.models.Sequential;
import dev.vectornn.spark.examples.LargeDatasetExample;
import org.apache.spark.launcher.SparkLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Spark example on a real standalone cluster on loopback: a Master and two Workers started from
 * Spark's own classes as separate JVMs, one Worker on this JDK (25), one on a JDK 17, whose
 * executors cannot load the SIMD backend and fall back to the scalar one. The example is submitted
 * through spark-submit's launcher API ({@link SparkLauncher}) with vectornn's jars shipped by
 * {@code --jars}, which is what {@code local[2]} hides: serialization between JVMs, ServiceLoader on
 * the executors, JVM flags reaching them, and mixed Java versions.
 *
 * <ul>
 *   <li>With {@code -Dvectornn.backend=scalar} on the driver and every executor, the trained weights
 *       equal those of a {@code local[2]} run bitwise (the same two partitions, exact gradient sums).</li>
 *   <li>Without it (SIMD on the JDK 25 executor, scalar on the JDK 17 one) the validation accuracy is
 *       that of the local run within {@link #MIXED_ACCURACY_TOLERANCE}.</li>
 *   <li>The README's {@code spark-submit} block runs as written on the same cluster, with the test's
 *       master URL, 12,000 rows and a temporary model file (see {@link ReadmeSparkSubmit}); the model
 *       it saves loads and predicts.</li>
 * </ul>
 *
 * The cluster part took 72 to 86 s on two quiet cores, 19 s of it the README's command. Skipped,
 * with a message, without a JDK 17 (set {@code -Dvectornn.jdk17}), without the SIMD jar (the
 * reactor's package phase of backend-simd), or where no loopback port can be bound.
 */
class StandaloneClusterTest {

    /** The two backends round differently; on this small, well-separated problem that moves the
     *  final validation accuracy by far less than a percentage point. */
    static final double MIXED_ACCURACY_TOLERANCE = 0.01;

    private static final Path JDK17 = Path.of(System.getProperty("vectornn.jdk17", "/usr/lib/jvm/java-17-openjdk-amd64"));
    private static final Path JDK = Path.of(System.getProperty("java.home"));
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
    /** Rows, epochs, batch size: 2 epochs of 6 steps over two partitions. */
    private static final List<String> EXAMPLE_ARGS = List.of("12000", "2", "2000");
    /** The README, whose spark-submit block the test runs; and the row count it runs it with. */
    private static final Path README = Path.of(System.getProperty("vectornn.readme", "../README.md"));
    private static final long README_ROWS = 12_000;
    private static final Pattern VAL_ACCURACY = Pattern.compile("final val_accuracy (\\d\\.\\d{4})");

    @Test
    void theExampleTrainsOnAMixedJdkClusterAsItDoesLocally(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(JDK17.resolve("bin/java")), "no JDK 17 at " + JDK17 + " (set -Dvectornn.jdk17)");
        assumeTrue(canBindLoopback(), "cannot bind a port on 127.0.0.1 here");
        Path simdJar = Path.of(System.getProperty("vectornn.simd.jar", "(vectornn.simd.jar not set)"));
        assumeTrue(Files.isRegularFile(simdJar), "the SIMD backend's jar is not built: " + simdJar
                + " (run the reactor's package phase, e.g. ./mvnw verify)");

        SparkHome home = SparkHome.create(tmp.resolve("spark-home"));
        Path scratch = Files.createDirectories(tmp.resolve("jars"));
        List<Path> jars = List.of(Jars.of(VectorNN.class, scratch), Jars.of(ScalarBackend.class, scratch), simdJar,
                Jars.of(JsonFactory.class, scratch));
        Path app = Jars.of(LargeDatasetExample.class, scratch);
        Submitter submitter = new Submitter(home, app, jars, tmp);

        Run local = submitter.run("local", "local[2]", true);
        Run scalar;
        Run mixed;
        long start = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(home, tmp.resolve("cluster"), List.of(JDK, JDK17),
                Duration.ofSeconds(90))) {
            System.out.printf("StandaloneClusterTest: Master and two Workers up in %.1f s%n", (System.nanoTime() - start) / 1e9);
            scalar = submitter.run("cluster-scalar", cluster.masterUrl(), true);
            mixed = submitter.run("cluster-mixed", cluster.masterUrl(), false);
            List<String> mixedLogs = executorLogs(cluster, 1); // the last application on each worker
            assertTrue(executorLog(cluster, 0).contains("using the 'simd' backend"),
                    "the JDK 25 executor did not use SIMD:\n" + executorLog(cluster, 0));
            assertTrue(mixedLogs.get(1).contains("skipped backend provider dev.vectornn.backend.simd.SimdBackend: "
                    + "it is compiled for Java 25"), "the JDK 17 executor did not skip SIMD:\n" + mixedLogs.get(1));
            assertTrue(mixedLogs.get(1).contains("using the 'scalar' backend"), mixedLogs.get(1));
            runTheReadmeCommand(home, cluster, Map.of("vectornn-core-", jars.get(0), "vectornn-backend-scalar-", jars.get(1),
                    "vectornn-backend-simd-", simdJar, "jackson-core-", jars.get(3), "vectornn-spark-", app), tmp);
        }

        System.out.printf("StandaloneClusterTest: whole cluster part, with its stop, %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertArrayEquals(bits(local.model), bits(scalar.model),
                "a standalone cluster with the scalar backend everywhere must train what local[2] trains");
        assertEquals(local.valAccuracy, mixed.valAccuracy, MIXED_ACCURACY_TOLERANCE,
                "SIMD on one executor and scalar on the other: validation accuracy of the local run");
        assertTrue(local.valAccuracy > 0.9, "the example did not learn: " + local.valAccuracy);
    }

    /**
     * Runs the README's spark-submit block on the cluster (see {@link ReadmeSparkSubmit} for what is
     * replaced) and checks that the model it saved loads and predicts a probability distribution.
     */
    private static void runTheReadmeCommand(SparkHome home, StandaloneCluster cluster, Map<String, Path> built, Path tmp)
            throws IOException, InterruptedException {
        ReadmeSparkSubmit readme = ReadmeSparkSubmit.read(README);
        Path dir = Files.createDirectories(tmp.resolve("readme-command"));
        readme.linkJars(dir, built);
        Path model = tmp.resolve("readme-model.safetensors");
        Path log = tmp.resolve("readme-command.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", readme.forTest(cluster.masterUrl(), README_ROWS, model))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        SparkHome.clean(pb.environment());
        pb.environment().putAll(home.environment(JDK));
        pb.environment().put("PATH", home.dir().resolve("bin") + java.io.File.pathSeparator + JDK.resolve("bin")
                + java.io.File.pathSeparator + System.getenv("PATH"));
        // What the README's spark-opens block sets; readme-snippets checks it equals spark.add.opens.
        pb.environment().put("SPARK_OPENS", System.getProperty("vectornn.spark.opens", ""));
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("the README's spark-submit command did not finish within " + RUN_TIMEOUT + ":\n" + read(log));
        }
        String out = read(log);
        assertEquals(0, p.exitValue(), "the README's spark-submit command failed:\n" + out);
        assertTrue(out.contains(" on " + cluster.masterUrl()), "it did not train on the cluster:\n" + out);
        float[] probabilities = Sequential.load(model).predict(new float[16]);
        double sum = 0;
        for (float q : probabilities) {
            sum += q;
        }
        assertEquals(4, probabilities.length, "the README command's model predicts 4 classes");
        assertEquals(1.0, sum, 1e-5, "the README command's model predicts a distribution");
        System.out.printf("StandaloneClusterTest: the README's spark-submit command (%,d rows) on %s: %.1f s, "
                + "its model loads and predicts%n", README_ROWS, cluster.masterUrl(), (System.nanoTime() - start) / 1e9);
    }

    /** The output of a driver run, and the model it saved. */
    private static final class Run {
        final Path model;
        final double valAccuracy;

        Run(Path model, double valAccuracy) {
            this.model = model;
            this.valAccuracy = valAccuracy;
        }
    }

    /** Submits the example with spark-submit's launcher API and waits for it. */
    private static final class Submitter {
        private final SparkHome home;
        private final Path app;
        private final List<Path> jars;
        private final Path tmp;

        Submitter(SparkHome home, Path app, List<Path> jars, Path tmp) {
            this.home = home;
            this.app = app;
            this.jars = jars;
            this.tmp = tmp;
        }

        Run run(String name, String master, boolean scalarEverywhere) throws IOException, InterruptedException {
            Path model = tmp.resolve(name + ".safetensors");
            Path log = tmp.resolve(name + ".log");
            String jvm = "--add-modules jdk.incubator.vector " + System.getProperty("vectornn.spark.opens", "")
                    + (scalarEverywhere ? " -Dvectornn.backend=scalar" : "");
            Map<String, String> env = home.environment(JDK);
            SparkLauncher launcher = new SparkLauncher(env)
                    .setSparkHome(home.dir().toString())
                    .setJavaHome(JDK.toString())
                    .setAppResource(app.toString())
                    .setMainClass(LargeDatasetExample.class.getName())
                    .setMaster(master)
                    .setConf(SparkLauncher.DRIVER_EXTRA_JAVA_OPTIONS, jvm)
                    .setConf(SparkLauncher.EXECUTOR_EXTRA_JAVA_OPTIONS, jvm)
                    .setConf(SparkLauncher.EXECUTOR_MEMORY, "512m")
                    .setConf("spark.driver.host", "127.0.0.1")
                    .setConf("spark.driver.bindAddress", "127.0.0.1")
                    .setConf("spark.cores.max", "2")
                    .redirectOutput(log.toFile())
                    .redirectError();
            for (Path jar : jars) {
                launcher.addJar(jar.toString());
            }
            List<String> args = new ArrayList<>(EXAMPLE_ARGS);
            args.add(model.toString());
            launcher.addAppArgs(args.toArray(new String[0]));
            long start = System.nanoTime();
            Process driver = launcher.launch();
            if (!driver.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                driver.descendants().forEach(ProcessHandle::destroyForcibly);
                driver.destroyForcibly();
                fail(name + ": the driver did not finish within " + RUN_TIMEOUT + ":\n" + read(log));
            }
            String out = read(log);
            if (driver.exitValue() != 0) {
                fail(name + ": the driver exited with " + driver.exitValue() + ":\n" + out);
            }
            Matcher m = VAL_ACCURACY.matcher(out);
            if (!m.find()) {
                fail(name + ": no final val_accuracy in the driver's output:\n" + out);
            }
            Run run = new Run(model, Double.parseDouble(m.group(1)));
            System.out.printf("StandaloneClusterTest: %s on %s: %.1f s, val_accuracy %.4f%n", name, master,
                    (System.nanoTime() - start) / 1e9, run.valAccuracy);
            return run;
        }
    }

    /** The stderr of worker {@code worker}'s executor of the last application it ran. */
    private static String executorLog(StandaloneCluster cluster, int worker) throws IOException {
        try (Stream<Path> apps = Files.list(cluster.workDir(worker))) {
            List<Path> sorted = apps.filter(p -> p.getFileName().toString().startsWith("app-")).sorted()
                    .collect(Collectors.toList());
            if (sorted.isEmpty()) {
                return "(worker " + worker + " ran no application)";
            }
            Path app = sorted.get(sorted.size() - 1);
            try (Stream<Path> executors = Files.list(app)) {
                StringBuilder sb = new StringBuilder();
                for (Path e : executors.sorted().collect(Collectors.toList())) {
                    Path stderr = e.resolve("stderr");
                    if (Files.isRegularFile(stderr)) {
                        sb.append(read(stderr));
                    }
                }
                return sb.toString();
            }
        }
    }

    private static List<String> executorLogs(StandaloneCluster cluster, int lastWorker) throws IOException {
        List<String> logs = new ArrayList<>();
        for (int w = 0; w <= lastWorker; w++) {
            logs.add(executorLog(cluster, w));
        }
        return logs;
    }

    private static int[] bits(Path model) throws IOException {
        float[] p = Sequential.load(model).getParameters();
        int[] bits = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            bits[i] = Float.floatToRawIntBits(p[i]);
        }
        return bits;
    }

    private static boolean canBindLoopback() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file + ")";
    }
}
