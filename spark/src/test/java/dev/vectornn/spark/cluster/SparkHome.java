package dev.vectornn.spark.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for a Spark distribution, made from the test's own class path: {@code jars/} links
 * every jar of the test class path except vectornn's and the test libraries' (so vectornn reaches
 * the executors only through {@code --jars}), and {@code bin/} holds minimal {@code spark-class} and
 * {@code spark-submit} scripts that ask Spark's launcher for the command, as Spark's own scripts do.
 */
final class SparkHome {

    /** Jars that must not reach the cluster's class path by way of SPARK_HOME/jars. */
    private static final List<String> NOT_SPARK = List.of("vectornn-", "junit-", "opentest4j-", "apiguardian-",
            "quicktheories-");

    private final Path dir;

    private SparkHome(Path dir) {
        this.dir = dir;
    }

    static SparkHome create(Path dir) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (name.endsWith(".jar") && Files.isRegularFile(p) && NOT_SPARK.stream().noneMatch(name::startsWith)
                    && !Files.exists(jars.resolve(name))) {
                link(p.toAbsolutePath(), jars.resolve(name));
            }
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String script : List.of("spark-class", "spark-submit")) {
            try (InputStream in = SparkHome.class.getResourceAsStream("/fake-spark-home/bin/" + script)) {
                if (in == null) {
                    throw new IOException("test resource fake-spark-home/bin/" + script + " is missing");
                }
                Files.copy(in, bin.resolve(script));
            }
            Files.setPosixFilePermissions(bin.resolve(script), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createDirectories(dir.resolve("conf"));
        return new SparkHome(dir);
    }

    /** A hard link where the file system allows one (no copy, and JUnit's clean-up leaves the target
     *  alone without warnings), else a copy. */
    static void link(Path target, Path link) throws IOException {
        try {
            Files.createLink(link, target);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(target, link);
        }
    }

    Path dir() {
        return dir;
    }

    /** The environment of every JVM the cluster starts: this SPARK_HOME, loopback only, a JDK. */
    Map<String, String> environment(Path jdk) {
        Map<String, String> env = new HashMap<>();
        env.put("SPARK_HOME", dir.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_CONF_DIR", dir.resolve("conf").toString());
        env.put("JAVA_HOME", jdk.toString());
        return env;
    }

    /** Starts {@code bin/spark-class mainClass args} on {@code jdk}, its output going to {@code log}. */
    Process startClass(Path jdk, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(dir.resolve("bin/spark-class").toString());
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        clean(pb.environment());
        pb.environment().putAll(environment(jdk));
        // Spark 4.2 on JDK 25 needs its --add-opens list on the daemons too (spark.add.opens in the pom).
        pb.environment().put("SPARK_DAEMON_JAVA_OPTS", System.getProperty("vectornn.spark.opens", ""));
        return pb.start();
    }

    /** Variables of the test's own JVM that would leak into the cluster's. */
    static void clean(Map<String, String> env) {
        for (String v : Set.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "SPARK_HOME", "CLASSPATH")) {
            env.remove(v);
        }
    }
}
