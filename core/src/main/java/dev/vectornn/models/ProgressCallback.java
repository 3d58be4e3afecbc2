package dev.vectornn.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress output as a callback: feeds {@link ProgressLogger} (which decides how the lines look)
 * the running loss and metrics after each batch and the epoch's logs after each epoch. A batch
 * builds the metric values only when the logger will actually redraw, so at {@code verbose=1} a
 * step still allocates nothing.
 */
final class ProgressCallback implements Callback {
    private final ProgressLogger logger;
    private final StepStrategy steps;
    private final List<String> metricNames;
    private long start;
    private double lossSum;
    private long rows;

    ProgressCallback(ProgressLogger logger, StepStrategy steps, List<String> metricNames) {
        this.logger = logger;
        this.steps = steps;
        this.metricNames = metricNames;
    }

    @Override
    public void onEpochBegin(Sequential model, int epoch) {
        logger.epochBegin();
        start = System.nanoTime();
        lossSum = 0;
        rows = 0;
    }

    @Override
    public void onBatchEnd(Sequential model, int epoch, int batch, int rows, double loss) {
        lossSum += loss * rows;
        this.rows += rows;
        if (logger.redrawDue()) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (int m = 0; m < metricNames.size(); m++) {
                metrics.put(metricNames.get(m), steps.metric(m));
            }
            logger.batch(epoch, batch + 1, start, lossSum / this.rows, metrics);
        }
    }

    @Override
    public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
        Map<String, Double> shown = new LinkedHashMap<>();
        Map<String, Double> validation = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            if (e.getKey().startsWith("val_")) {
                validation.put(e.getKey(), e.getValue());
            } else if (!e.getKey().equals("loss") && !e.getKey().equals(FitLoop.LEARNING_RATE)) {
                shown.put(e.getKey(), e.getValue());
            }
        }
        logger.epochEnd(epoch, System.nanoTime() - start, logs.get("loss"), shown, validation);
    }

    @Override
    public void onTrainEnd(Sequential model, History history) {
        if (!history.stoppedBecause().isEmpty()) {
            logger.stopped(history.stoppedBecause());
        }
    }
}
