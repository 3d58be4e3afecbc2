package dev.vectornn.models;

import java.util.Map;

/** {@link Sequential#fit}'s steps: batches gathered from arrays on this machine and trained here. */
final class LocalSteps implements StepStrategy {
    private final StepRunner runner;
    private final ModelState state;
    private final Inference inference;
    private final TrainingData train;
    private final TrainingData validation;
    private final Batches batches;
    private final boolean shuffle;
    private final Workspace workspace;
    private double lastLossSum;

    /** Steps over {@code train}; {@code validation} may be null. */
    LocalSteps(StepRunner runner, ModelState state, Inference inference, TrainingData train, TrainingData validation,
               int batchSize, boolean shuffle) {
        this.runner = runner;
        this.state = state;
        this.inference = inference;
        this.train = train;
        this.validation = validation;
        this.batches = new Batches(train.rows, batchSize);
        this.shuffle = shuffle;
        this.workspace = runner.trainingWorkspace(batches.batchSize());
    }

    @Override
    public int batches() {
        return batches.count();
    }

    @Override
    public long samples() {
        return train.rows;
    }

    @Override
    public void beginEpoch(int epoch) {
        if (shuffle) {
            batches.shuffle(state.shuffleRandom);
        }
        runner.resetMetrics();
    }

    @Override
    public long trainBatch(int epoch, int batch) {
        int rows = batches.gather(train, batch, workspace);
        lastLossSum = runner.train(workspace, rows);
        return rows;
    }

    @Override
    public double lastLossSum() {
        return lastLossSum;
    }

    @Override
    public double metric(int index) {
        return runner.metrics()[index].result();
    }

    @Override
    public double currentLoss() {
        return inference.evaluate(train).loss();
    }

    @Override
    public Map<String, Double> validate() {
        return validation == null ? Map.of() : inference.evaluate(validation).asMap();
    }
}
