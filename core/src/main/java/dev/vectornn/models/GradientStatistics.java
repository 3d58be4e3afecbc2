package dev.vectornn.models;

import dev.vectornn.layers.Layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records, per epoch, the size of each layer's gradient during {@link Sequential#fit}: the tool for
 * seeing vanishing (or exploding) gradients.
 *
 * <pre>{@code
 * GradientStatistics stats = new GradientStatistics();
 * model.fit(x, y, FitOptions.epochs(20).batchSize(16).callbacks(stats));
 * for (int k = 0; k < stats.layerCount(); k++) {
 *     System.out.println(stats.layerNames().get(k) + ": " + stats.meanNorms(k));
 * }
 * }</pre>
 *
 * <p>After every batch the callback reads the batch's gradient ({@link Sequential#gradientsView()},
 * the gradient of the batch's mean loss) and takes, for each layer that has parameters, the
 * Euclidean norm of that layer's slice (kernel and bias together). Per epoch it keeps the mean and
 * the maximum of these per-batch norms. Layers without parameters (activations, dropout) are not
 * tracked; the tracked layers are numbered {@code 0 .. layerCount() - 1} in model order, and
 * {@link #layerIndices()} maps them back to positions in {@link Sequential#layers()}.
 *
 * <p>Each {@code fit} starts a fresh record. Per batch the callback allocates nothing and costs one
 * pass over the gradient. Not thread-safe: use one instance per model being trained.
 */
public final class GradientStatistics implements Callback {

    private int[] layerIndices = new int[0];
    private int[] from = new int[0];
    private int[] to = new int[0];
    private List<String> names = List.of();

    private double[] normSum = new double[0];
    private double[] normMax = new double[0];
    private int batches;

    private final List<double[]> meanNorms = new ArrayList<>();
    private final List<double[]> maxNorms = new ArrayList<>();

    /** A callback with an empty record; pass it to {@link FitOptions#callbacks}. */
    public GradientStatistics() {
    }

    @Override
    public void onTrainBegin(Sequential model) {
        List<Layer> layers = model.layers();
        List<Integer> tracked = new ArrayList<>();
        List<String> trackedNames = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            // Named as summary() names them: dense, dense_1, dense_2 ...
            int count = seen.merge(layer.typeName(), 1, Integer::sum);
            String name = layer.typeName() + (count > 1 ? "_" + (count - 1) : "");
            if (layer.parameterCount(model.layerInputWidth(l)) > 0) {
                tracked.add(l);
                trackedNames.add(name + " " + layer);
            }
        }
        int n = tracked.size();
        layerIndices = tracked.stream().mapToInt(Integer::intValue).toArray();
        from = new int[n];
        to = new int[n];
        for (int k = 0; k < n; k++) {
            int l = layerIndices[k];
            from[k] = model.layerParameterOffset(l);
            to[k] = from[k] + layers.get(l).parameterCount(model.layerInputWidth(l));
        }
        names = List.copyOf(trackedNames);
        normSum = new double[n];
        normMax = new double[n];
        meanNorms.clear();
        maxNorms.clear();
    }

    @Override
    public void onEpochBegin(Sequential model, int epoch) {
        Arrays.fill(normSum, 0);
        Arrays.fill(normMax, 0);
        batches = 0;
    }

    @Override
    public void onBatchEnd(Sequential model, int epoch, int batch, int rows, double loss) {
        float[] g = model.gradientsView();
        for (int k = 0; k < from.length; k++) {
            double squares = 0;
            for (int i = from[k]; i < to[k]; i++) {
                squares += (double) g[i] * g[i];
            }
            double norm = Math.sqrt(squares);
            normSum[k] += norm;
            normMax[k] = Math.max(normMax[k], norm);
        }
        batches++;
    }

    @Override
    public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
        double[] mean = new double[normSum.length];
        for (int k = 0; k < mean.length; k++) {
            mean[k] = batches == 0 ? 0 : normSum[k] / batches;
        }
        meanNorms.add(mean);
        maxNorms.add(normMax.clone());
    }

    /** Number of tracked layers (those with parameters). */
    public int layerCount() {
        return layerIndices.length;
    }

    /** For each tracked layer, its position in {@link Sequential#layers()}. */
    public List<Integer> layerIndices() {
        List<Integer> list = new ArrayList<>(layerIndices.length);
        for (int l : layerIndices) {
            list.add(l);
        }
        return Collections.unmodifiableList(list);
    }

    /** For each tracked layer, a name as {@link Sequential#summary()} gives it, e.g. {@code dense_1 Dense(32, relu)}. */
    public List<String> layerNames() {
        return names;
    }

    /** Number of epochs recorded. */
    public int epochs() {
        return meanNorms.size();
    }

    /**
     * The mean over the epoch's batches of tracked layer {@code layer}'s gradient norm.
     *
     * @throws IndexOutOfBoundsException if {@code epoch} or {@code layer} is out of range (both ranges are named)
     */
    public double meanNorm(int epoch, int layer) {
        checkLayer(layer);
        checkEpoch(epoch);
        return meanNorms.get(epoch)[layer];
    }

    /** The largest per-batch gradient norm of tracked layer {@code layer} during {@code epoch}. */
    public double maxNorm(int epoch, int layer) {
        checkLayer(layer);
        checkEpoch(epoch);
        return maxNorms.get(epoch)[layer];
    }

    /** {@link #meanNorm} of one tracked layer for every epoch, in order. */
    public List<Double> meanNorms(int layer) {
        checkLayer(layer);
        List<Double> series = new ArrayList<>(meanNorms.size());
        for (double[] epoch : meanNorms) {
            series.add(epoch[layer]);
        }
        return Collections.unmodifiableList(series);
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer >= layerIndices.length) {
            throw new IndexOutOfBoundsException("Layer " + layer + " is not a tracked layer; " + layerIndices.length
                    + " layers with parameters are tracked"
                    + (layerIndices.length == 0 ? " (pass this callback to fit first)" : " (0 .. " + (layerIndices.length - 1) + ")"));
        }
    }

    private void checkEpoch(int epoch) {
        if (epoch < 0 || epoch >= meanNorms.size()) {
            throw new IndexOutOfBoundsException("Epoch " + epoch + " is not recorded; " + meanNorms.size()
                    + " epochs are" + (meanNorms.isEmpty() ? "" : " (0 .. " + (meanNorms.size() - 1) + ")"));
        }
    }

    @Override
    public String toString() {
        return "GradientStatistics[" + layerIndices.length + " layers, " + meanNorms.size() + " epochs]";
    }
}
