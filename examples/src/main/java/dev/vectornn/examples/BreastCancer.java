package dev.vectornn.examples;

import dev.vectornn.charts.HistoryChart;
import dev.vectornn.data.Split;
import dev.vectornn.data.StandardScaler;
import dev.vectornn.layers.ActivationLayer;
import dev.vectornn.layers.BatchNormalization;
import dev.vectornn.layers.Dense;
import dev.vectornn.metrics.Metrics;
import dev.vectornn.models.EarlyStopping;
import dev.vectornn.models.Evaluation;
import dev.vectornn.models.History;
import dev.vectornn.models.ModelCheckpoint;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.AdamW;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.schedules.CosineDecay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Imbalanced binary classification on the Breast Cancer Wisconsin data: is a breast mass
 * malignant (212 of 569, the positive class) or benign? A stratified held-out test part, a
 * validation part watched during {@code fit}, inputs standardised with the training rows'
 * statistics only, and the training controls Keras offers for such a problem, used together:
 * <ul>
 * <li>class weights computed as Keras' imbalanced-data tutorial does ({@code total / (2 · count)}
 * per class, from the training rows), given to {@code fit} ({@code class_weight});</li>
 * <li>{@code Dense → BatchNormalization → relu}, then a sigmoid output, trained with binary
 * cross-entropy;</li>
 * <li>AdamW (decoupled weight decay) whose learning rate follows a cosine decay to 0 over every
 * step {@code --epochs} would take;</li>
 * <li>a {@code ModelCheckpoint} that saves the model whenever {@code val_loss} improves (atomic
 * writes, into {@code --checkpoint-dir} or a new temporary folder), and {@code EarlyStopping} on
 * {@code val_loss} that puts back the best epoch's weights when training ends;</li>
 * <li>{@code precision} and {@code recall} at {@code --threshold}, and {@code auc}, as metrics.</li>
 * </ul>
 * Then those three and the confusion counts on the test rows, and a check that the checkpoint,
 * loaded again, scores what the restored model scores.
 */
@Command(name = "breast-cancer", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Imbalanced classification on the Breast Cancer Wisconsin data: class weights, early stopping, precision/recall/AUC on a held-out test set.")
public final class BreastCancer implements Callable<Integer> {

    @Option(names = "--patience", description = "Epochs without a better val_loss before training stops (default: ${DEFAULT-VALUE}).")
    int patience = 10;

    @Option(names = "--threshold", description = "Probability from which a mass is called malignant, for precision and recall (default: ${DEFAULT-VALUE}).")
    double threshold = 0.5;

    @Mixin
    TabularOptions common = new TabularOptions(50, 32, 0.01);

    @Option(names = "--weight-decay", description = "AdamW's decoupled weight decay (default: ${DEFAULT-VALUE}, Keras' default).")
    double weightDecay = 0.004;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Where ModelCheckpoint saves the best model (default: a new temporary folder).")
    Path checkpointDir;

    /**
     * What one run produced.
     *
     * @param validation   {@code evaluate} on the validation rows with the weights training ended with
     * @param test         {@code evaluate} on the test rows
     * @param scores       precision, recall and ROC AUC of the test rows, malignant as the positive class
     * @param classWeights the weight of each class (0 benign, 1 malignant), from the training rows
     * @param checkpoint   the file ModelCheckpoint saved last: the model of the best {@code val_loss}
     * @param checkpointValidationLoss the validation loss of the checkpoint, loaded again from its file
     * @param bestEpoch    the epoch (from 0) of the best {@code val_loss}, whose weights the model ends with
     * @param testProbabilities the model's probability of malignancy for each test row
     * @param testLabels   the test rows' classes (1 malignant)
     */
    public record Result(Sequential model, History history, Evaluation validation, Evaluation test, HeldOutScores.Binary scores,
                         Map<Integer, Double> classWeights, Path checkpoint, double checkpointValidationLoss, int bestEpoch,
                         float[] testProbabilities, int[] testLabels, int trainRows, int validationRows, int testRows) {
    }

    @Override
    public Integer call() {
        run(System.out);
        return 0;
    }

    /** Runs the program, printing to {@code out}. */
    public Result run(PrintStream out) {
        common.check();
        UsageException.atLeast("--epochs", 1, common.epochs); // the report reads the best epoch
        UsageException.atLeast("--patience", 0, patience);
        UsageException.fraction("--threshold", threshold);
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new UsageException("--weight-decay must be a number ≥ 0, got " + weightDecay);
        }
        BreastCancerData data = BreastCancerData.load();
        int[] labels = data.malignant();
        HeldOutSplit split = HeldOutSplit.stratified(labels, common.testFraction, common.validationFraction, common.seed);

        StandardScaler scaler = StandardScaler.fit(Split.take(data.features(), split.train()));
        float[][] xTrain = scaler.transform(Split.take(data.features(), split.train()));
        float[][] xValidation = scaler.transform(Split.take(data.features(), split.validation()));
        float[][] xTest = scaler.transform(Split.take(data.features(), split.test()));
        int[] trainLabels = Split.take(labels, split.train());
        int[] testLabels = Split.take(labels, split.test());
        float[][] yValidation = column(Split.take(labels, split.validation()));
        Map<Integer, Double> classWeights = classWeights(trainLabels);
        out.printf("Rows: %d train, %d validation, %d test (stratified, seed %d), %d of the %d training rows malignant; inputs standardised with the training part's statistics%n",
                split.train().length, split.validation().length, split.test().length, common.seed,
                count(trainLabels, 1), trainLabels.length);
        out.printf("Class weights (total / (2 · count), training rows): benign %.4f, malignant %.4f%n",
                classWeights.get(0), classWeights.get(1));

        Sequential model = common.newModel();
        model.add(new Dense(16).inputDim(data.features()[0].length));
        model.add(new BatchNormalization());
        model.add(new ActivationLayer("relu"));
        model.add(new Dense(1, "sigmoid"));
        Map<String, Object> atThreshold = Map.of("thresholds", threshold);
        model.compile("binary_crossentropy", optimizer(steps(split.train().length)),
                Metrics.get("precision", atThreshold), Metrics.get("recall", atThreshold), Metrics.get("auc"));
        out.println("Backend: " + model.backend().describe());

        Path checkpointFile = checkpointFolder().resolve("breast-cancer-best.safetensors");
        ModelCheckpoint checkpoint = new ModelCheckpoint(checkpointFile.toString()).monitor("val_loss").saveBestOnly(true);
        EarlyStopping earlyStopping = new EarlyStopping("val_loss").patience(patience).restoreBestWeights(true);
        History history = model.fit(xTrain, column(trainLabels), common.fitOptions(out)
                .classWeight(classWeights)
                .validationData(xValidation, yValidation)
                .callbacks(checkpoint, earlyStopping));
        Evaluation validation = model.evaluate(xValidation, yValidation);
        int best = earlyStopping.bestEpoch();
        out.printf("Weights kept: epoch %d's of %d (val_loss %.4f; evaluated again: %.4f)%n", best + 1, history.epochs(),
                history.get("val_loss").get(best), validation.loss());
        Evaluation reloaded = load(checkpoint.lastSaved()).evaluate(xValidation, yValidation);
        out.printf("Checkpoint: %s, loaded again: val_loss %.4f%n", checkpoint.lastSaved(), reloaded.loss());

        Evaluation test = model.evaluate(xTest, column(testLabels));
        float[] testProbabilities = probabilities(model.predict(xTest));
        HeldOutScores.Binary counts = HeldOutScores.binary(testProbabilities, testLabels, threshold);
        HeldOutScores.Binary scores = new HeldOutScores.Binary(test.get("precision"), test.get("recall"), test.get("auc"),
                counts.truePositives(), counts.falsePositives(), counts.falseNegatives(), counts.trueNegatives());
        out.printf("%nTest (%d rows never seen in training, %d malignant): loss %.4f; precision %.4f, recall %.4f, AUC %.4f%n",
                testLabels.length, count(testLabels, 1), test.loss(), scores.precision(), scores.recall(), scores.auc());
        out.printf("  at threshold %.2f: malignant found %d, missed %d; benign called malignant %d, called benign %d%n",
                threshold, scores.truePositives(), scores.falseNegatives(), scores.falsePositives(), scores.trueNegatives());
        if (common.chart != null) {
            out.println("Chart: " + HistoryChart.write(history, "breast cancer", common.chart));
        }
        return new Result(model, history, validation, test, scores, classWeights, checkpoint.lastSaved(), reloaded.loss(), best,
                testProbabilities, testLabels, split.train().length, split.validation().length, split.test().length);
    }

    /** Updates {@code fit} would make in {@code --epochs} epochs over {@code rows} rows: the cosine's length. */
    private long steps(int rows) {
        return (long) common.epochs * ((rows + common.batchSize - 1) / common.batchSize);
    }

    /** AdamW with {@code --weight-decay}, its rate decaying from {@code --learning-rate} to 0 over {@code steps} updates. */
    private Optimizer optimizer(long steps) {
        return new AdamW(common.learningRate, weightDecay).withLearningRate(new CosineDecay(common.learningRate, steps));
    }

    private Path checkpointFolder() {
        try {
            return checkpointDir != null ? checkpointDir : Files.createTempDirectory("vectornn-breast-cancer-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the checkpoint: " + e.getMessage(), e);
        }
    }

    private static Sequential load(Path file) {
        try {
            return Sequential.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Each class's weight, {@code total / (2 · count)}: the formula of Keras' (TensorFlow's)
     * "Classification on imbalanced data" tutorial, {@code (1 / count) · (total / 2)}, which makes
     * both classes weigh as much in the loss as if they were equally common, and leaves the total
     * weight equal to the number of rows.
     */
    static Map<Integer, Double> classWeights(int[] labels) {
        Map<Integer, Double> weights = new LinkedHashMap<>();
        for (int c = 0; c <= 1; c++) {
            int n = count(labels, c);
            if (n == 0) {
                throw new IllegalArgumentException("No training row of class " + c + ": a class weight needs at least one");
            }
            weights.put(c, labels.length / (2.0 * n));
        }
        return weights;
    }

    private static int count(int[] labels, int value) {
        int n = 0;
        for (int label : labels) {
            n += label == value ? 1 : 0;
        }
        return n;
    }

    private static float[][] column(int[] labels) {
        float[][] out = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            out[i] = new float[] {labels[i]};
        }
        return out;
    }

    private static float[] probabilities(float[][] outputs) {
        float[] out = new float[outputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = outputs[i][0];
        }
        return out;
    }
}
