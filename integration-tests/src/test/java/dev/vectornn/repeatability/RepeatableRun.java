package dev.vectornn.repeatability;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.Sequential;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One seeded training run whose every bit is recorded: weights after training and predictions
 * for a batch and for single samples. The network touches every tier-sensitive SIMD kernel:
 * the tanh and sigmoid epilogues of the GEMM, single-row products (batch 1, which run the dot
 * product reductions of the row kernel), a softmax row wide enough for the vector path, the
 * cross-entropy loss and Adam.
 *
 * <p>{@link #main} is the child JVM's entry point: it runs the same training twice in one fresh
 * JVM, the first time cold (interpreted kernels), then after enough work for C2 to compile them,
 * and prints one line per run with the digest of its bits.
 */
final class RepeatableRun {

    static final int INPUTS = 64;
    static final int CLASSES = 80;
    static final int ROWS = 96;

    private RepeatableRun() {
    }

    /** Trains a fresh, seeded model and returns the bits of its weights and predictions. */
    static int[] train() {
        float[][] x = new float[ROWS][INPUTS];
        float[][] y = new float[ROWS][CLASSES];
        SplittableRandom random = new SplittableRandom(17);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < INPUTS; c++) {
                x[r][c] = (float) random.nextDouble(-2, 2);
            }
            y[r][random.nextInt(CLASSES)] = 1f;
        }
        Sequential model = new Sequential().seed(42);
        model.add(new Dense(128, "tanh").inputDim(INPUTS));
        model.add(new Dense(96, "sigmoid"));
        addKerasActivations(model);
        model.add(new Dense(CLASSES, "softmax"));
        model.compile("categorical_crossentropy", "adam");
        model.fit(x, y, FitOptions.epochs(2).batchSize(32).verbose(0));
        model.fit(x, y, FitOptions.epochs(1).batchSize(1).verbose(0));
        float[] weights = model.getParameters();
        float[][] batch = model.predict(x);
        float[] single = model.predict(x[3]);
        int[] bits = new int[weights.length + ROWS * CLASSES + CLASSES];
        int at = 0;
        for (float w : weights) {
            bits[at++] = Float.floatToRawIntBits(w);
        }
        for (float[] row : batch) {
            for (float v : row) {
                bits[at++] = Float.floatToRawIntBits(v);
            }
        }
        for (float v : single) {
            bits[at++] = Float.floatToRawIntBits(v);
        }
        return bits;
    }

    /** Keeps the kernels busy until C2 has compiled them: a bigger model, trained and queried. */
    static void warmUp() {
        float[][] x = new float[256][INPUTS];
        float[][] y = new float[256][CLASSES];
        for (int r = 0; r < x.length; r++) {
            Arrays.fill(x[r], (r % 7) / 7f - 0.5f);
            y[r][r % CLASSES] = 1f;
        }
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(256, "tanh").inputDim(INPUTS));
        model.add(new Dense(128, "sigmoid"));
        addKerasActivations(model);
        model.add(new Dense(CLASSES, "softmax"));
        model.compile("categorical_crossentropy", "adam");
        for (int round = 0; round < 8; round++) {
            model.fit(x, y, FitOptions.epochs(2).batchSize(32).verbose(0));
            model.fit(Arrays.copyOf(x, 64), Arrays.copyOf(y, 64), FitOptions.epochs(1).batchSize(1).verbose(0));
            for (int i = 0; i < 200; i++) {
                model.predict(x[i]);
            }
        }
    }

    /**
     * Issue #14's transcendental activations: elu and softplus fused in the GEMM epilogue, SiLU and
     * GELU (tanh form and exact) as vector passes with their derivative from the input.
     */
    private static void addKerasActivations(Sequential model) {
        model.add(new Dense(64, "elu"));
        model.add(new Dense(64, "silu"));
        model.add(new Dense(48, dev.vectornn.spi.Activation.fromConfig(
                java.util.Map.of("name", "gelu", "config", java.util.Map.of("approximate", true)))));
        model.add(new Dense(40, "gelu"));
        model.add(new Dense(32, "softplus"));
    }

    /** A digest of bits, compared between runs and JVMs. */
    static String digest(int[] bits) {
        return Integer.toHexString(Arrays.hashCode(bits)) + "/" + bits.length;
    }

    public static void main(String[] args) {
        int[] cold = train();
        warmUp();
        int[] warm = train();
        int differing = 0;
        for (int i = 0; i < cold.length; i++) {
            if (cold[i] != warm[i]) {
                differing++;
            }
        }
        System.out.println("cold " + digest(cold));
        System.out.println("warm " + digest(warm));
        System.out.println("differing " + differing);
    }
}
