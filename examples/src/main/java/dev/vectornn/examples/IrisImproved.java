package dev.vectornn.examples;

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
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
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

    @Mixin
    TabularOptions common = new TabularOptions(100, 16, 0.01);

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
        common.check();
        LabeledData df = IrisData.load();
        float[][] x = df.features();
        LabelEncoder encoder = LabelEncoder.fit(df.labels());
        int[] labels = encoder.transform(df.labels());

        // Hold out a stratified test set first; split what is left again for validation.
        HeldOutSplit split = HeldOutSplit.stratified(labels, common.testFraction, common.validationFraction, common.seed);
        int[] trainRows = split.train();
        int[] validationRows = split.validation();
        int[] testRows = split.test();

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
                trainRows.length, validationRows.length, testRows.length, common.seed);

        Sequential model = common.newModel();
        model.add(new Dense(16, "relu").inputDim(4));
        model.add(new Dense(classes, "softmax"));
        model.compile(new CategoricalCrossentropy(), new Adam(common.learningRate), "accuracy");
        out.println("Backend: " + model.backend().describe());

        History history = model.fit(xTrain, yTrain, common.fitOptions(out).validationData(xValidation, yValidation));

        Evaluation test = model.evaluate(xTest, yTest);
        ConfusionMatrix confusion = ConfusionMatrix.of(testLabels, model.predictClasses(xTest), classes);
        out.printf("%nTest (%d rows never seen in training): loss %.4f, accuracy %.4f%n", testRows.length, test.loss(), test.accuracy());
        out.println("Confusion matrix on the test set:");
        out.println(confusion.format(encoder.classes()));
        if (common.chart != null) {
            out.println("Chart: " + HistoryChart.write(history, "iris improved", common.chart));
        }
        return new Result(model, history, test, confusion, trainRows.length, validationRows.length, testRows.length);
    }
}
