package dev.vectornn.callbacks;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.History;
import dev.vectornn.models.Sequential;
import dev.vectornn.models.StepStrategy;
import dev.vectornn.optimizers.Optimizer;

import java.util.Arrays;
import java.util.Map;

/**
 * Epochs whose {@code loss} and {@code val_loss} follow a script, for testing callbacks against
 * the scenarios of Keras' own tests: one batch per epoch, and that batch sets every parameter of
 * the model to the epoch's number, so the weights tell which epoch they come from.
 */
final class ScriptedSteps implements StepStrategy {
    private final Sequential model;
    private final double[] losses;
    private final double[] valLosses;
    private int epoch;

    /** {@code valLosses} may be null (no validation). */
    ScriptedSteps(Sequential model, double[] losses, double[] valLosses) {
        this.model = model;
        this.losses = losses;
        this.valLosses = valLosses;
    }

    /** A tiny compiled model (2 parameters) with {@code optimizer}. */
    static Sequential model(Optimizer optimizer) {
        Sequential m = new Sequential(new Dense(1).inputDim(1)).seed(3);
        m.compile("mse", optimizer);
        return m;
    }

    /** Runs {@code fit} over the script for as many epochs as it has, silently. */
    static History fit(Sequential model, double[] losses, double[] valLosses, FitOptions options) {
        return model.fit(new ScriptedSteps(model, losses, valLosses),
                options.withEpochs(losses.length).verbose(0).divergenceFactor(Double.POSITIVE_INFINITY));
    }

    /** The epoch number the model's parameters were set to. */
    static int weightsEpoch(Sequential model) {
        float[] p = model.getParameters();
        float first = p[0];
        if (!Arrays.equals(p, filled(p.length, first))) {
            throw new AssertionError("parameters are not all equal: " + Arrays.toString(p));
        }
        return (int) first;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    @Override
    public int batches() {
        return 1;
    }

    @Override
    public long samples() {
        return 1;
    }

    @Override
    public void beginEpoch(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public long trainBatch(int epoch, int batch) {
        model.setParameters(filled(model.parameterCount(), epoch));
        return 1;
    }

    @Override
    public double lastLossSum() {
        return losses[epoch];
    }

    @Override
    public double metric(int index) {
        throw new AssertionError("the scripted model has no metrics");
    }

    @Override
    public double currentLoss() {
        return losses[0];
    }

    @Override
    public Map<String, Double> validate() {
        return valLosses == null ? Map.of() : Map.of("loss", valLosses[epoch]);
    }
}
