package dev.vectornn.examples;

import dev.vectornn.charts.HistoryChart;
import dev.vectornn.data.Split;
import dev.vectornn.data.StandardScaler;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.EarlyStopping;
import dev.vectornn.models.Evaluation;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Imbalanced binary classification on the Breast Cancer Wisconsin data: is a breast mass
 * malignant (212 of 569, the positive class) or benign? A stratified held-out test part, a
 * validation part watched during {@code fit}, inputs standardised with the training rows'
 * statistics only, class weights computed as Keras' imbalanced-data tutorial does
 * ({@code total / (2 · count)} per class, from the training rows), a sigmoid output trained with
 * binary cross-entropy, and early stopping on {@code val_loss} that puts back the best epoch's
 * weights; then precision and recall at {@code --threshold} and the ROC AUC on the test rows.
 */
@Command(name = "breast-cancer", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Imbalanced classification on the Breast Cancer Wisconsin data: class weights, early stopping, precision/recall/AUC on a held-out test set.")
public final class BreastCancer implements Callable<Integer> {

    @Option(names = "--patience", description = "Epochs without a better val_loss before training stops (default: ${DEFAULT-VALUE}).")
    int patience = 10;

    @Option(names = "--threshold", description = "Probability from which a mass is called malignant, for precision and recall (default: ${DEFAULT-VALUE}).")
    double threshold = 0.5;

    @Mixin
    TabularOptions common = new TabularOptions(100, 32, 0.001);

    /**
     * What one run produced.
     *
     * @param validation   {@code evaluate} on the validation rows with the weights training ended with
     * @param test         {@code evaluate} on the test rows
     * @param scores       precision, recall and ROC AUC of the test rows, malignant as the positive class
     * @param classWeights the weight of each class (0 benign, 1 malignant), from the training rows
     */
    public record Result(Sequential model, History history, Evaluation validation, Evaluation test, HeldOutScores.Binary scores,
                         Map<Integer, Double> classWeights, int trainRows, int validationRows, int testRows) {
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
        // Not applied yet: FitOptions gains classWeight with issue #14's weights.
        out.printf("Class weights (total / (2 · count), training rows): benign %.4f, malignant %.4f (not applied yet)%n",
                classWeights.get(0), classWeights.get(1));

        Sequential model = common.newModel();
        model.add(new Dense(16, "relu").inputDim(data.features()[0].length));
        model.add(new Dense(1, "sigmoid"));
        model.compile("binary_crossentropy", new Adam(common.learningRate), METRICS);
        out.println("Backend: " + model.backend().describe());

        EarlyStopping earlyStopping = new EarlyStopping("val_loss").patience(patience).restoreBestWeights(true);
        History history = model.fit(xTrain, column(trainLabels), common.fitOptions(out)
                .validationData(xValidation, yValidation)
                .callbacks(earlyStopping));
        Evaluation validation = model.evaluate(xValidation, yValidation);
        out.printf("Validation loss of the weights kept: %.4f (best epoch %d of %d: val_loss %.4f)%n", validation.loss(),
                EpochLog.best(history, "val_loss") + 1, history.epochs(), EpochLog.min(history, "val_loss"));

        Evaluation test = model.evaluate(xTest, column(testLabels));
        HeldOutScores.Binary scores = HeldOutScores.binary(probabilities(model.predict(xTest)), testLabels, threshold);
        out.printf("%nTest (%d rows never seen in training, %d malignant): loss %.4f; at threshold %.2f precision %.4f, recall %.4f; ROC AUC %.4f%n",
                testLabels.length, count(testLabels, 1), test.loss(), threshold, scores.precision(), scores.recall(), scores.auc());
        out.printf("  malignant found %d, missed %d; benign called malignant %d, called benign %d%n",
                scores.truePositives(), scores.falseNegatives(), scores.falsePositives(), scores.trueNegatives());
        if (common.chart != null) {
            out.println("Chart: " + HistoryChart.write(history, "breast cancer", common.chart));
        }
        return new Result(model, history, validation, test, scores, classWeights,
                split.train().length, split.validation().length, split.test().length);
    }

    /** The metrics {@code fit} reports per epoch, by Keras name. */
    private static final String[] METRICS = {"accuracy"};

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
