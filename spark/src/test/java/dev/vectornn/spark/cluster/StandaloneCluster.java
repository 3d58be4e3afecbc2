package dev.vectornn.spark.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on loopback, started from Spark's own classes: one Master and one
 * Worker per given JDK, each a separate JVM, each Worker with one core, so that its executors run
 * on that JDK. Everything runs from a stand-in {@code SPARK_HOME} (see {@link SparkHome}).
 * {@link #close()} stops every process it started, with their children (the executors).
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final SparkHome home;
    private final Path logs;
    private final List<Process> processes = new ArrayList<>();
    private final String masterUrl;
    private final int masterUiPort;

    /** Starts the Master and one Worker per JDK home; returns once every Worker has registered. */
    static StandaloneCluster start(SparkHome home, Path logs, List<Path> workerJdks, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logs);
        StandaloneCluster cluster = new StandaloneCluster(home, logs, freePort(), freePort());
        try {
            cluster.startAll(workerJdks, timeout);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private StandaloneCluster(SparkHome home, Path logs, int masterPort, int masterUiPort) {
        this.home = home;
        this.logs = logs;
        this.masterUrl = "spark://127.0.0.1:" + masterPort;
        this.masterUiPort = masterUiPort;
    }

    String masterUrl() {
        return masterUrl;
    }

    private void startAll(List<Path> workerJdks, Duration timeout) throws IOException, InterruptedException {
        Path currentJdk = Path.of(System.getProperty("java.home"));
        processes.add(home.startClass(currentJdk, logs.resolve("master.log"),
                "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", masterUrl.substring(masterUrl.lastIndexOf(':') + 1),
                "--webui-port", Integer.toString(masterUiPort)));
        for (int i = 0; i < workerJdks.size(); i++) {
            Path workDir = Files.createDirectories(logs.resolve("worker-" + i));
            processes.add(home.startClass(workerJdks.get(i), logs.resolve("worker-" + i + ".log"),
                    "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                    "--work-dir", workDir.toString(), masterUrl));
        }
        awaitWorkers(workerJdks.size(), timeout);
    }

    /** The directory where Worker {@code i} keeps its executors' stdout and stderr. */
    Path workDir(int i) {
        return logs.resolve("worker-" + i);
    }

    private void awaitWorkers(int expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int alive = 0;
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster JVM exited with " + p.exitValue() + "; logs in " + logs);
                }
            }
            alive = aliveWorkers();
            if (alive >= expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(alive + " of " + expected + " workers registered within " + timeout
                + "; logs in " + logs);
    }

    /** Reads the Master's JSON status page; 0 while it is not up yet. */
    private int aliveWorkers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + masterUiPort + "/json/")
                    .toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try (InputStream in = c.getInputStream()) {
                Matcher m = ALIVE_WORKERS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return m.find() ? Integer.parseInt(m.group(1)) : 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException notUpYet) {
            return 0;
        }
    }

    /** A port free right now on loopback (the JVM that takes it binds it moments later). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a port on loopback", e);
        }
    }

    /** Stops the Workers (which stop their executors), then the Master; kills what is left. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            ProcessHandle h = processes.get(i).toHandle();
            h.descendants().forEach(all::add);
            all.add(h);
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                h.destroyForcibly();
            }
        }
    }
}
