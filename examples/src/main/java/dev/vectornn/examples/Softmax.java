package dev.vectornn.examples;

import dev.vectornn.backend.Backends;
import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.OneHot;
import dev.vectornn.spi.Activation;
import dev.vectornn.spi.Kernels;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The lecture's softmax slide, {@code (3.0, 1.5, 0.3) → (0.78, 0.17, 0.05)}, computed by the
 * backend's softmax kernel, then the one-hot targets a softmax output is compared with, and the
 * cross-entropy between the two computed by the backend's loss kernel.
 */
@Command(name = "softmax", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The lecture's softmax (3.0, 1.5, 0.3) -> (0.78, 0.17, 0.05) and one-hot targets, computed by the library's kernels.")
public final class Softmax implements Callable<Integer> {

    static final float[] LOGITS = {3.0f, 1.5f, 0.3f};
    static final List<String> SPECIES = List.of("Iris-setosa", "Iris-versicolor", "Iris-virginica");

    /** What the example computed. */
    public record Result(float[] logits, float[] probabilities, float[][] oneHot, float[] crossEntropy) {
    }

    @Override
    public Integer call() {
        run(PlainText.stdout());
        return 0;
    }

    /** Runs the example, printing to {@code out}. */
    public Result run(PrintStream out) {
        Kernels k = Backends.current().kernels();
        float[] p = new float[LOGITS.length];
        k.activationForward(Activation.SOFTMAX, 1, LOGITS.length, LOGITS, 0, p, 0);

        out.println("Softmax turns scores into probabilities: p_i = exp(z_i) / Σ_j exp(z_j)   (backend '"
                + Backends.current().name() + "')");
        out.printf("  z = (%.1f, %.1f, %.1f)%n", LOGITS[0], LOGITS[1], LOGITS[2]);
        out.printf("  p = (%.4f, %.4f, %.4f), sum %.4f%n", p[0], p[1], p[2], p[0] + p[1] + p[2]);
        out.printf("  the lecture's slide: (0.78, 0.17, 0.05), its first value %.4f rounded up%n", p[0]);
        out.println();

        // The targets a softmax output is trained against: class indices, one-hot encoded.
        LabelEncoder encoder = LabelEncoder.fit(SPECIES);
        int[] labels = encoder.transform(SPECIES);
        float[][] oneHot = OneHot.toCategorical(labels);
        out.println("One-hot targets (LabelEncoder, then OneHot.toCategorical, as Keras' to_categorical):");
        for (int i = 0; i < SPECIES.size(); i++) {
            out.printf("  %-16s -> %d -> %s%n", SPECIES.get(i), labels[i], Arrays.toString(oneHot[i]));
        }
        out.println();

        // How well p matches each possible target: categorical cross-entropy −Σ t log p.
        float[] crossEntropy = new float[SPECIES.size()];
        out.println("Cross-entropy −Σ t·log p of this p against each target (the loss kernel):");
        for (int i = 0; i < SPECIES.size(); i++) {
            crossEntropy[i] = k.categoricalCrossEntropy(1, p.length, p, 0, oneHot[i], 0, null, 0, false);
            out.printf("  target %s: %.4f = −log %.4f%n", Arrays.toString(oneHot[i]), crossEntropy[i], p[i]);
        }
        return new Result(LOGITS.clone(), p, oneHot, crossEntropy);
    }
}
