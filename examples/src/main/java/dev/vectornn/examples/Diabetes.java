package dev.vectornn.examples;

import dev.vectornn.charts.HistoryChart;
import dev.vectornn.data.Split;
import dev.vectornn.data.StandardScaler;
import dev.vectornn.layers.Dense;
import dev.vectornn.losses.Losses;
import dev.vectornn.models.EarlyStopping;
import dev.vectornn.models.Evaluation;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Regression on scikit-learn's diabetes data: predict the disease progression of 442 patients a
 * year on from ten baseline measurements. A random held-out test part, a validation part watched
 * during {@code fit}, inputs and target standardised with the training rows' statistics only, two
 * hidden relu layers and a linear output trained with squared error (or Huber, {@code --loss}) by
 * Adam, with {@code mean_absolute_error}, {@code root_mean_squared_error} and {@code r2_score}
 * as metrics; then those three on the test rows, the errors in the target's own units.
 *
 * <p>The target is standardised too (progression runs from 25 to 346; a network whose output must
 * first grow to about 150 spends its early epochs on that), so the loss and the metrics
 * {@code fit} prints are in standard deviations of the training targets; the test report
 * converts back: MAE and RMSE are multiplied by that deviation, R² does not change with the scale.
 */
@Command(name = "diabetes", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Regression on scikit-learn's diabetes data: standardised inputs and target, Dense layers, MAE/RMSE/R² on a held-out test set.")
public final class Diabetes implements Callable<Integer> {

    @Option(names = "--patience", description = "Epochs without a better val_loss before training stops and the best epoch's weights are put back (default: ${DEFAULT-VALUE}).")
    int patience = 10;

    @Option(names = "--loss", description = "The loss, by Keras name, e.g. mse or huber (default: ${DEFAULT-VALUE}).")
    String loss = "mse";

    @Mixin
    TabularOptions common = new TabularOptions(100, 32, 0.001);

    /**
     * What one run produced.
     *
     * @param validation  {@code evaluate} on the validation rows with the weights training ended with
     * @param test        {@code evaluate} on the test rows, in standardised target units
     * @param scores      the test rows' MAE, RMSE and R² from {@code test}, the errors in progression units
     * @param targetMean  the training targets' mean, which standardising subtracts
     * @param targetScale the training targets' standard deviation, which standardising divides by
     * @param testPredicted   the model's prediction for each test row, in progression units
     * @param testProgression the test rows' targets
     */
    public record Result(Sequential model, History history, Evaluation validation, Evaluation test, HeldOutScores.Regression scores,
                         double targetMean, double targetScale, float[] testPredicted, float[] testProgression, int trainRows, int validationRows, int testRows) {
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
        DiabetesData data = DiabetesData.load();
        HeldOutSplit split = HeldOutSplit.random(data.size(), common.testFraction, common.validationFraction, common.seed);

        StandardScaler inputs = StandardScaler.fit(Split.take(data.features(), split.train()));
        StandardScaler target = StandardScaler.fit(column(take(data.progression(), split.train())));
        float[][] xTrain = inputs.transform(Split.take(data.features(), split.train()));
        float[][] xValidation = inputs.transform(Split.take(data.features(), split.validation()));
        float[][] xTest = inputs.transform(Split.take(data.features(), split.test()));
        float[][] yTrain = target.transform(column(take(data.progression(), split.train())));
        float[][] yValidation = target.transform(column(take(data.progression(), split.validation())));
        float[] testProgression = take(data.progression(), split.test());
        float[][] yTest = target.transform(column(testProgression));
        double mean = target.mean()[0];
        double scale = target.scale()[0];
        out.printf("Rows: %d train, %d validation, %d test (random split, seed %d); inputs and target standardised with the training part's statistics (progression: mean %.1f, deviation %.1f)%n",
                split.train().length, split.validation().length, split.test().length, common.seed, mean, scale);

        Sequential model = common.newModel();
        model.add(new Dense(32, "relu").inputDim(data.features()[0].length));
        model.add(new Dense(16, "relu"));
        model.add(new Dense(1));
        model.compile(UsageException.forOption("--loss", () -> Losses.get(loss)), new Adam(common.learningRate), METRICS);
        out.println("Backend: " + model.backend().describe());

        History history = model.fit(xTrain, yTrain, common.fitOptions(out).validationData(xValidation, yValidation)
                .callbacks(new EarlyStopping("val_loss").patience(patience).restoreBestWeights(true)));
        Evaluation validation = model.evaluate(xValidation, yValidation);
        out.printf("Validation loss of the weights kept: %.4f (best epoch %d of %d: val_loss %.4f)%n", validation.loss(),
                EpochLog.best(history, "val_loss") + 1, history.epochs(), EpochLog.min(history, "val_loss"));

        // The metrics ran on standardised targets: errors scale back by the deviation, R² does not change.
        Evaluation test = model.evaluate(xTest, yTest);
        float[] testPredicted = unstandardise(model.predict(xTest), mean, scale);
        HeldOutScores.Regression scores = new HeldOutScores.Regression(test.get("mean_absolute_error") * scale,
                test.get("root_mean_squared_error") * scale, test.get("r2_score"));
        HeldOutScores.Regression guessMean = HeldOutScores.regression(constant(testProgression.length, (float) mean), testProgression);
        out.printf("%nTest (%d rows never seen in training), in progression units: MAE %.2f, RMSE %.2f, R² %.4f%n",
                split.test().length, scores.mae(), scores.rmse(), scores.r2());
        out.printf("(for scale: always predicting the training mean gives MAE %.2f, RMSE %.2f, R² %.4f)%n",
                guessMean.mae(), guessMean.rmse(), guessMean.r2());
        if (common.chart != null) {
            out.println("Chart: " + HistoryChart.write(history, "diabetes", common.chart));
        }
        return new Result(model, history, validation, test, scores, mean, scale, testPredicted, testProgression,
                split.train().length, split.validation().length, split.test().length);
    }

    /** The metrics {@code fit} and {@code evaluate} report, by Keras name. */
    private static final String[] METRICS = {"mean_absolute_error", "root_mean_squared_error", "r2_score"};

    private static float[] take(float[] values, int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static float[][] column(float[] values) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new float[] {values[i]};
        }
        return out;
    }

    private static float[] unstandardise(float[][] standardised, double mean, double scale) {
        float[] out = new float[standardised.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (standardised[i][0] * scale + mean);
        }
        return out;
    }

    private static float[] constant(int length, float value) {
        float[] out = new float[length];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
