package dev.vectornn.examples;

import dev.vectornn.data.LabelEncoder;
import dev.vectornn.data.OneHot;
import dev.vectornn.data.StandardScaler;
import dev.vectornn.data.csv.LabeledData;
import dev.vectornn.charts.Charts;
import dev.vectornn.charts.GradientChart;
import dev.vectornn.layers.Dense;
import dev.vectornn.losses.CategoricalCrossentropy;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.GradientStatistics;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The vanishing-gradient problem, measured: the same deep network (by default 8 hidden layers of
 * 32) trained on iris once with sigmoid and once with relu in the hidden layers. A
 * {@link GradientStatistics} callback records each layer's gradient norm per epoch.
 *
 * <p>The sigmoid's derivative is at most 1/4, and the chain rule multiplies one such factor per
 * layer on the way back, so the first layers of the sigmoid network get gradients orders of
 * magnitude smaller than its last layers and barely learn; relu's derivative is 1 where it is
 * active, and its gradients keep their size.
 */
@Command(name = "vanishing-gradients", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A deep sigmoid network and the same with relu on iris: each layer's gradient norm per epoch, as a table and a chart.")
public final class VanishingGradients implements Callable<Integer> {

    @Option(names = "--depth", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int depth = 8;

    @Option(names = "--width", description = "Units per hidden layer (default: ${DEFAULT-VALUE}).")
    int width = 32;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 40;

    @Option(names = "--batch-size", description = "Samples per update (default: ${DEFAULT-VALUE}).")
    int batchSize = 16;

    @Option(names = "--learning-rate", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 0.03;

    @Option(names = "--seed", description = "Seed for weights and shuffling, the same for both networks (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(names = "--chart", paramLabel = "FILE", description = "Also draw the gradient norms (log scale) and both loss curves into this PNG.")
    Path chart;

    /** One network's training: its history and per-layer gradient norms. */
    public record Run(String activation, History history, GradientStatistics gradients) {
    }

    /** Both runs. */
    public record Result(Run sigmoid, Run relu) {
    }

    @Override
    public Integer call() {
        run(System.out);
        return 0;
    }

    /** Trains both networks, printing to {@code out}. */
    public Result run(PrintStream out) {
        LabeledData df = IrisData.load();
        float[][] x = StandardScaler.fit(df.features()).transform(df.features());
        float[][] y = OneHot.toCategorical(LabelEncoder.fitTransform(df.labels()));
        out.printf("%d hidden layers of %d units, softmax output, categorical cross-entropy, SGD (lr %s), %d epochs,"
                + " batch size %d, seed %d, standardised iris%n", depth, width, learningRate, epochs, batchSize, seed);

        Run sigmoid = train("sigmoid", x, y);
        Run relu = train("relu", x, y);
        printTable(out, sigmoid);
        printTable(out, relu);

        double s = sigmoid.gradients().meanNorm(0, 0);
        double r = relu.gradients().meanNorm(0, 0);
        out.printf("%nFirst layer, epoch 1: gradient norm %.3e with sigmoid, %.3e with relu: %.0fx smaller with sigmoid.%n", s, r, r / s);
        out.printf("Final loss: sigmoid %.4f, relu %.4f.%n", sigmoid.history().last("loss"), relu.history().last("loss"));
        if (chart != null) {
            out.println("Chart: " + Charts.writePng(charts(sigmoid, relu), 3, chart));
        }
        return new Result(sigmoid, relu);
    }

    private Run train(String activation, float[][] x, float[][] y) {
        Sequential model = new Sequential();
        model.seed(seed);
        model.add(new Dense(width, activation).inputDim(x[0].length));
        for (int i = 1; i < depth; i++) {
            model.add(new Dense(width, activation));
        }
        model.add(new Dense(y[0].length, "softmax"));
        model.compile(new CategoricalCrossentropy(), new Sgd(learningRate), "accuracy");
        GradientStatistics stats = new GradientStatistics();
        History history = model.fit(x, y, FitOptions.epochs(epochs).batchSize(batchSize).verbose(0).callbacks(stats));
        return new Run(activation, history, stats);
    }

    /** Epochs 1, 2, 5, 10, 15 ... and the last, one column per layer. */
    private static void printTable(PrintStream out, Run run) {
        GradientStatistics g = run.gradients();
        out.printf("%n%s: mean gradient norm per layer (layer 1 is next to the input), and the epoch's loss%n", run.activation());
        StringBuilder head = new StringBuilder(String.format("%6s", "epoch"));
        for (int k = 0; k < g.layerCount(); k++) {
            head.append(String.format("%10s", GradientChart.layerName(k, g.layerCount())));
        }
        out.println(head.append(String.format("%9s", "loss")));
        for (int e = 0; e < g.epochs(); e++) {
            if (e < 2 || (e + 1) % 5 == 0 || e == g.epochs() - 1) {
                StringBuilder row = new StringBuilder(String.format("%6d", e + 1));
                for (int k = 0; k < g.layerCount(); k++) {
                    row.append(String.format("%10.2e", g.meanNorm(e, k)));
                }
                out.println(row.append(String.format("%9.4f", run.history().get("loss").get(e))));
            }
        }
    }

    /** Sigmoid's and relu's gradient norms on one shared log scale, then both loss curves. */
    static List<XYChart> charts(Run sigmoid, Run relu) {
        Map<String, GradientStatistics> runs = new LinkedHashMap<>();
        runs.put(sigmoid.activation(), sigmoid.gradients());
        runs.put(relu.activation(), relu.gradients());
        List<XYChart> charts = new ArrayList<>(GradientChart.charts(runs));
        XYChart loss = Charts.linearAxis(Charts.lineChart("training loss", "epoch", "categorical cross-entropy"), false);
        Charts.addPerEpoch(loss, sigmoid.activation(), sigmoid.history().get("loss"));
        Charts.addPerEpoch(loss, relu.activation(), relu.history().get("loss"));
        charts.add(loss);
        return charts;
    }
}
