package dev.vectornn.spark.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's {@code spark-submit} command (the block under the marker
 * {@code <!-- readme-snippets: ci spark-cluster ...}), made runnable against a test cluster with
 * only the substitutions the README states: its master URL becomes the test cluster's, and its row
 * count and model file become small and temporary ones. Everything else runs as written: the
 * command runs with bash in a folder where each jar name it gives is a (hard) link to the built jar,
 * with the stand-in home's {@code bin/} first on the {@code PATH} and {@code $SPARK_OPENS} set as the
 * README sets it.
 */
final class ReadmeSparkSubmit {

    static final String MARKER = "<!-- readme-snippets: ci spark-cluster ";
    static final String README_MASTER = "spark://master:7077";
    static final String README_ROWS = " 100000000 ";
    static final String README_MODEL = "/shared/model.safetensors";
    private static final Pattern JAR = Pattern.compile("[\\w./-]+\\.jar");

    private final String command;

    private ReadmeSparkSubmit(String command) {
        this.command = command;
    }

    /** Reads the block that follows the marker in {@code readme}. */
    static ReadmeSparkSubmit read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(MARKER)) {
                if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
                    throw new IllegalStateException(readme + ":" + (i + 1) + ": no fenced block after the marker");
                }
                StringBuilder block = new StringBuilder();
                for (int j = i + 2; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
                    block.append(lines.get(j)).append('\n');
                }
                return new ReadmeSparkSubmit(block.toString());
            }
        }
        throw new IllegalStateException(readme + " has no line starting with " + MARKER);
    }

    /** The command with the README's master, row count and model file replaced, each exactly once. */
    String forTest(String masterUrl, long rows, Path model) {
        String c = replaceOnce(command, README_MASTER, masterUrl);
        c = replaceOnce(c, README_ROWS, " " + rows + " ");
        return replaceOnce(c, README_MODEL, model.toString());
    }

    /** Every jar the command names ({@code --jars} and the application), in order. */
    private List<String> jarNames() {
        Matcher m = JAR.matcher(command.replace(',', ' '));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /**
     * Makes {@code dir} a folder where every jar name of the command exists: a link to the jar of
     * {@code builtByPrefix} whose key the name's file name starts with (e.g. {@code "vectornn-core-"}).
     */
    void linkJars(Path dir, Map<String, Path> builtByPrefix) throws IOException {
        for (String name : jarNames()) {
            String file = Path.of(name).getFileName().toString();
            Path target = builtByPrefix.entrySet().stream().filter(e -> file.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the README's command names " + name
                            + ", which is none of the jars built here: " + builtByPrefix.keySet()));
            Path link = dir.resolve(name);
            Files.createDirectories(link.getParent());
            SparkHome.link(target.toAbsolutePath(), link);
        }
    }

    private static String replaceOnce(String text, String what, String with) {
        int at = text.indexOf(what);
        if (at < 0 || text.indexOf(what, at + 1) >= 0) {
            throw new IllegalStateException("the README's spark-submit block must contain '" + what
                    + "' exactly once (the test replaces it):\n" + text);
        }
        return text.substring(0, at) + with + text.substring(at + what.length());
    }
}
