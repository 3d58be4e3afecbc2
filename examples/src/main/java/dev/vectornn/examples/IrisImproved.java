package dev.vectornn.examples;

import dev.vectornn.backend.Backends;
import dev.vectornn.charts.HistoryChart;
import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.OneHot;
import dev.vectornn.data.Split;
import dev.vectornn.data.StandardScaler;
import dev.vectornn.data.csv.LabeledData;
import dev.vectornn.layers.Dense;
import dev.vectornn.losses.CategoricalCrossentropy;
import dev.vectornn.metrics.ConfusionMatrix;
import dev.vectornn.models.Evaluation;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The iris program done properly: a stratified held-out test set the model never sees while
 * training, inputs standardised with statistics of the training part only, a validation part
 * watched during {@code fit}, softmax with categorical cross-entropy, Adam, and a confusion matrix
 * on the test set.
 */
@Command(name = "iris-improved", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Iris with standardised inputs, cross-entropy, Adam, a stratified held-out test set and a confusion matrix.")
public final class IrisImproved implements Callable<Integer> {

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 100;

    @Option(names = "--batch-size", description = "Samples per update (default: ${DEFAULT-VALUE}).")
    int batchSize = 16;

    @Option(names = "--learning-rate", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 0.01;

    @Option(names = "--test-fraction", description = "Share of each class held out for the test (default: ${DEFAULT-VALUE}).")
    double testFraction = 0.2;

    @Option(names = "--validation-fraction", description = "Share of each class of the training part used to validate during fit (default: ${DEFAULT-VALUE}).")
    double validationFraction = 0.2;

    @Option(names = "--seed", description = "Seed for the splits, weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--backend", description = "Run on this backend (e.g. scalar, simd) instead of the one chosen automatically.")
    String backend;

    @Option(names = "--chart", paramLabel = "FILE", description = "Also draw training and validation loss and accuracy into this PNG.")
    Path chart;

    @Option(names = "--quiet", description = "No epoch lines.")
    boolean quiet;

    /** What one run produced. */
    public record Result(Sequential model, History history, Evaluation test, ConfusionMatrix confusion,
                         int trainRows, int validationRows, int testRows) {
    }

    @Override
    public Integer call() {
        run(System.out);
        return 0;
    }

    /** Runs the program, printing to {@code out}. */
    public Result run(PrintStream out) {
        UsageException.fraction("--test-fraction", testFraction);
        UsageException.fraction("--validation-fraction", validationFraction);
        UsageException.atLeast("--epochs", 0, epochs);
        UsageException.atLeast("--batch-size", 1, batchSize);
        LabeledData df = IrisData.load();
        float[][] x = df.features();
        LabelEncoder encoder = LabelEncoder.fit(df.labels());
        int[] labels = encoder.transform(df.labels());

        // Hold out a stratified test set first; split what is left again for validation.
        Split outer = Split.stratified(labels, testFraction, seed);
        int[] restLabels = Split.take(labels, outer.trainIndices());
        Split inner = Split.stratified(restLabels, validationFraction, seed + 1);
        int[] trainRows = Split.take(outer.trainIndices(), inner.trainIndices());
        int[] validationRows = Split.take(outer.trainIndices(), inner.testIndices());
        int[] testRows = outer.testIndices();

        // Standardise with the training part's mean and deviation only: no peeking at the rest.
        StandardScaler scaler = StandardScaler.fit(Split.take(x, trainRows));
        float[][] xTrain = scaler.transform(Split.take(x, trainRows));
        float[][] xValidation = scaler.transform(Split.take(x, validationRows));
        float[][] xTest = scaler.transform(Split.take(x, testRows));
        int classes = encoder.classes().size();
        float[][] yTrain = OneHot.toCategorical(Split.take(labels, trainRows), classes);
        float[][] yValidation = OneHot.toCategorical(Split.take(labels, validationRows), classes);
        int[] testLabels = Split.take(labels, testRows);
        float[][] yTest = OneHot.toCategorical(testLabels, classes);
        out.printf("Rows: %d train, %d validation, %d test (stratified, seed %d); inputs standardised with the training part's statistics%n",
                trainRows.length, validationRows.length, testRows.length, seed);

        Sequential model = new Sequential();
        model.seed(seed);
        if (backend != null) {
            model.backend(UsageException.forOption("--backend", () -> Backends.named(backend)));
        }
        model.add(new Dense(16, "relu").inputDim(4));
        model.add(new Dense(classes, "softmax"));
        model.compile(new CategoricalCrossentropy(), new Adam(learningRate), "accuracy");
        out.println("Backend: " + model.backend().describe());

        History history = model.fit(xTrain, yTrain, FitOptions.epochs(epochs).batchSize(batchSize)
                .validationData(xValidation, yValidation).verbose(quiet ? 0 : 2).out(out));

        Evaluation test = model.evaluate(xTest, yTest);
        ConfusionMatrix confusion = ConfusionMatrix.of(testLabels, model.predictClasses(xTest), classes);
        out.printf("%nTest (%d rows never seen in training): loss %.4f, accuracy %.4f%n", testRows.length, test.loss(), test.accuracy());
        out.println("Confusion matrix on the test set:");
        out.println(confusion.format(encoder.classes()));
        if (chart != null) {
            out.println("Chart: " + HistoryChart.write(history, "iris improved", chart));
        }
        return new Result(model, history, test, confusion, trainRows.length, validationRows.length, testRows.length);
    }
}
