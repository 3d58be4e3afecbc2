package dev.vectornn.models;

import dev.vectornn.backend.Backends;
import dev.vectornn.layers.Layer;
import dev.vectornn.losses.Loss;
import dev.vectornn.losses.Losses;
import dev.vectornn.metrics.Accuracy;
import dev.vectornn.metrics.Metric;
import dev.vectornn.metrics.Metrics;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.spi.Backend;
import dev.vectornn.spi.Kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stack of layers trained end to end, the Java twin of Keras' {@code Sequential}.
 *
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(new Dense(16, "relu").inputDim(4));
 * model.add(new Dense(3, "softmax"));
 * model.compile("mean_squared_error", "sgd", "accuracy");
 * model.fit(x, y, 50, 1);
 * System.out.printf("%n Accuracy: %.4f%n", model.evaluate(x, y).get(1));
 * }</pre>
 *
 * <h2>Life cycle</h2>
 * Add layers, then {@link #compile}: the model is built (widths checked, weights initialised from
 * the {@linkplain #seed(long) seed}) and takes its kernels from the backend in use
 * ({@link Backends#current()} unless {@link #backend(Backend)} chose one). Then {@link #fit},
 * {@link #evaluate} and {@link #predict}.
 *
 * <h2>Reproducibility</h2>
 * One seed drives weight initialisation, shuffling and dropout: the same seed on the same backend
 * gives bitwise-identical histories and weights. Without {@link #seed(long)} a random seed is
 * drawn; {@link #seed()} tells which, so any run can be replayed.
 *
 * <h2>Threads</h2>
 * {@link #predict}, {@link #predictClasses} and {@link #evaluate} may be called from many threads
 * at once (weights are only read; each thread gets its own scratch buffers), as long as no thread
 * is training, compiling or changing parameters at the same time; they give bitwise the answers of
 * a single thread. {@link #save} only reads the model, so it may run alongside them, and the static
 * {@link #load} may run in any thread. Everything else (fit, compile, seed, the setters,
 * applyGradients) changes the model and is for one thread at a time.
 *
 * <h2>Memory</h2>
 * {@code fit} allocates its buffers once per call; each training step (gather a batch, forward,
 * loss, backward, update) then allocates nothing.
 */
public class Sequential {

    private static final int PREDICT_CHUNK = 256;

    private final List<Layer> layers = new ArrayList<>();
    private int inputWidth = -1;
    private long seed = ThreadLocalRandom.current().nextLong();

    private Backend backend;
    private Kernels kernels;
    private Network network;
    private Loss loss;
    private boolean fusedLoss;
    private Optimizer optimizer;
    private List<Metric> metrics = List.of();
    private List<String> metricNames = List.of();

    private float[] params;
    private float[] grads;
    private float[] slots;
    private long step;

    private final SplitMix64 shuffleRandom = new SplitMix64(0);
    private final SplitMix64 dropoutRandom = new SplitMix64(0);

    private volatile String stopReason;
    /** The buffers of {@link #trainOnBatch}, kept between calls. */
    private Workspace batchWorkspace;
    private ThreadLocal<Workspace> inference = ThreadLocal.withInitial(this::newInferenceWorkspace);

    /** An empty model; add layers with {@link #add}. */
    public Sequential() {
    }

    /** A model of these layers, in order. */
    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    // ------------------------------------------------------------------ building

    /**
     * Appends a layer. The first layer should declare the input width ({@code .inputDim(4)}) unless
     * {@link #input(int)} does.
     *
     * @throws IllegalArgumentException if {@code layer} is null
     * @throws IllegalStateException    after {@link #compile}, which fixes the architecture
     */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Cannot add a null layer to a Sequential model");
        }
        if (network != null) {
            throw new IllegalStateException("The model is compiled; its layers are fixed. Build a new Sequential to change them.");
        }
        if (!layers.isEmpty() && layer.declaredInputWidth() > 0) {
            int previous = layers.size();
            throw new IllegalArgumentException("Only the first layer may declare inputDim; layer " + previous + " ("
                    + layer + ") declares " + layer.declaredInputWidth() + ". Its input width comes from the layer before it.");
        }
        layers.add(layer);
        return this;
    }

    /** Declares the width of one input sample (the alternative to the first layer's {@code inputDim}). */
    public Sequential input(int width) {
        if (width <= 0) {
            throw new IllegalArgumentException("Input width must be positive, got " + width);
        }
        if (network != null) {
            throw new IllegalStateException("The model is compiled; its input width is fixed");
        }
        this.inputWidth = width;
        return this;
    }

    /**
     * Sets the seed for weights, shuffling and dropout. If the model is already compiled its
     * weights and optimizer state are initialised afresh from this seed.
     */
    public Sequential seed(long seed) {
        this.seed = seed;
        if (network != null) {
            initializeState();
        }
        return this;
    }

    /** The seed in use (drawn at random unless {@link #seed(long)} set one). */
    public long seed() {
        return seed;
    }

    /** Runs this model on the given backend instead of {@link Backends#current()}. */
    public Sequential backend(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        if (!backend.availability().available()) {
            throw new IllegalArgumentException("Backend '" + backend.name() + "' cannot run here: " + backend.availability());
        }
        this.backend = backend;
        this.kernels = backend.kernels();
        return this;
    }

    /** The backend this model runs on (resolving the default if none was chosen yet). */
    public Backend backend() {
        if (backend == null) {
            backend(Backends.current());
        }
        return backend;
    }

    // ------------------------------------------------------------------ compile

    /**
     * Compiles with a loss, an optimizer and metrics given by Keras name, e.g.
     * {@code compile("mean_squared_error", "sgd", "accuracy")}.
     */
    public void compile(String loss, String optimizer, String... metrics) {
        compile(Losses.get(loss), Optimizers.get(optimizer), metrics);
    }

    /** Compiles with a loss by name and a configured optimizer, e.g. {@code compile("mse", new Sgd(0.05), "accuracy")}. */
    public void compile(String loss, Optimizer optimizer, String... metrics) {
        compile(Losses.get(loss), optimizer, metrics);
    }

    /** Compiles with configured objects, e.g. {@code compile(new CategoricalCrossentropy(), new Adam(0.01), "accuracy")}. */
    public void compile(Loss loss, Optimizer optimizer, String... metrics) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        if (metrics == null || Arrays.asList(metrics).contains(null)) {
            throw new IllegalArgumentException("Metric names must not be null, got " + Arrays.toString(metrics));
        }
        build();
        backend();
        // Metrics are resolved before the compile settings are set, so a failed compile leaves the model uncompiled.
        List<Metric> ms = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String m : metrics) {
            Metric metric = Metrics.resolve(m, loss, network.outputWidth());
            if (names.contains(metric.name())) {
                throw new IllegalArgumentException("Metric '" + m + "' is given twice");
            }
            ms.add(metric);
            names.add(metric.name());
        }
        this.loss = loss;
        this.optimizer = optimizer;
        this.fusedLoss = loss.fusesWith(network.layer(network.layerCount() - 1).outputActivation());
        this.metrics = List.copyOf(ms);
        this.metricNames = List.copyOf(names);
        initializeState();
    }

    private void build() {
        if (network != null) {
            return;
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("The model has no layers: add at least one before compile");
        }
        int width = inputWidth > 0 ? inputWidth : layers.get(0).declaredInputWidth();
        if (width <= 0) {
            throw new IllegalStateException("The model's input width is unknown: give the first layer an input width, "
                    + "e.g. new Dense(16, \"relu\").inputDim(4), or call input(4)");
        }
        this.inputWidth = width;
        this.network = new Network(layers, width);
    }

    private void initializeState() {
        int n = network.parameterCount();
        params = new float[n];
        grads = new float[n];
        SplitMix64 init = new SplitMix64(seed);
        network.initialize(params, init);
        shuffleRandom.setState(seed ^ 0x5DEECE66DL);
        dropoutRandom.setState(seed ^ 0xD1B54A32D192ED03L);
        if (optimizer != null) {
            slots = new float[Math.multiplyExact(optimizer.slotsPerParameter(), n)];
            optimizer.initializeSlots(slots, n);
        }
        step = 0;
        inference = ThreadLocal.withInitial(this::newInferenceWorkspace);
        batchWorkspace = null;
    }

    private void requireCompiled(String what) {
        if (network == null || loss == null) {
            throw new IllegalStateException("Call compile(...) before " + what);
        }
    }

    // ------------------------------------------------------------------ fit

    /** Trains for {@code epochs} epochs in batches of {@code batchSize}, with the other defaults of {@link FitOptions}. */
    public History fit(float[][] x, float[][] y, int epochs, int batchSize) {
        return fit(x, y, FitOptions.epochs(epochs).batchSize(batchSize));
    }

    /**
     * Trains the model.
     *
     * @param x samples, {@code n × inputWidth}
     * @param y targets, {@code n × outputWidth} (one-hot for categorical losses) or {@code n × 1}
     *          (class indices for sparse cross-entropy)
     * @throws IllegalArgumentException if shapes do not fit (both shapes are named) or a value is
     *                                  not finite (its row is named)
     * @throws NonFiniteLossException   if the loss becomes NaN or infinite
     */
    public History fit(float[][] x, float[][] y, FitOptions options) {
        requireCompiled("fit");
        Objects.requireNonNull(options, "options");
        checkPair(x, y, "x", "y");
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("fit needs at least one sample; x and y are empty");
        }
        int in = network.inputWidth();
        int tw = targetWidth();
        float[] fx = Inputs.flatten(x, in, "x");
        float[] fy = Inputs.flatten(y, tw, "y");
        checkTargets(fy, n, "y");

        float[] vx = null;
        float[] vy = null;
        int vn = 0;
        int trainN = n;
        if (options.validationX != null) {
            checkPair(options.validationX, options.validationY, "validation x", "validation y");
            vn = options.validationX.length;
            if (vn == 0) {
                throw new IllegalArgumentException("validationData is empty: give at least one validation sample or none at all");
            }
            vx = Inputs.flatten(options.validationX, in, "validation x");
            vy = Inputs.flatten(options.validationY, tw, "validation y");
            checkTargets(vy, vn, "validation y");
        } else if (options.validationSplit > 0) {
            vn = (int) (n * options.validationSplit);
            trainN = n - vn;
            if (vn == 0 || trainN == 0) {
                throw new IllegalArgumentException("validationSplit " + options.validationSplit + " of " + n
                        + " samples leaves " + trainN + " to train on and " + vn + " to validate on; both must be > 0");
            }
            vx = Arrays.copyOfRange(fx, trainN * in, n * in);
            vy = Arrays.copyOfRange(fy, trainN * tw, n * tw);
        }
        return train(fx, fy, trainN, vx, vy, vn, options);
    }

    private History train(float[] fx, float[] fy, int n, float[] vx, float[] vy, int vn, FitOptions o) {
        int batch = Math.min(o.batchSize, n);
        int in = network.inputWidth();
        int out = network.outputWidth();
        int tw = targetWidth();
        int steps = (n + batch - 1) / batch;
        Workspace ws = new Workspace(network, batch, tw, true);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        History history = new History();
        ProgressLogger progress = new ProgressLogger(o.out, o.verbose, o.epochs, steps);
        Map<String, Double> running = new LinkedHashMap<>();
        stopReason = null;
        // An array, not the list: iterating a list allocates an iterator per batch until C2 removes it.
        Callback[] callbacks = o.callbacks.toArray(Callback[]::new);
        for (Callback c : callbacks) {
            c.onTrainBegin(this);
        }
        for (int epoch = 0; epoch < o.epochs && stopReason == null; epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(this, epoch);
            }
            if (o.shuffle) {
                shuffle(order);
            }
            for (Metric m : metrics) {
                m.reset();
            }
            long start = System.nanoTime();
            progress.epochBegin();
            double lossSum = 0;
            for (int s = 0; s < steps; s++) {
                int from = s * batch;
                int rows = Math.min(batch, n - from);
                gather(fx, fy, order, from, rows, in, tw, ws);
                float batchLoss = trainStep(ws, rows, out, tw);
                if (!Float.isFinite(batchLoss)) {
                    throw new NonFiniteLossException("The training loss became " + batchLoss + " at epoch " + (epoch + 1)
                            + ", batch " + (s + 1) + " of " + steps + ": training diverged. Lower the learning rate ("
                            + optimizer.config().get("learning_rate") + "), scale the inputs, or check the data.");
                }
                lossSum += batchLoss;
                for (int c = 0; c < callbacks.length; c++) {
                    callbacks[c].onBatchEnd(this, epoch, s, rows, batchLoss / rows);
                }
                if (o.verbose == 1) {
                    progress.batch(epoch, s + 1, start, lossSum / (from + rows), currentMetrics(running));
                }
            }
            long nanos = System.nanoTime() - start;
            Map<String, Double> logs = new LinkedHashMap<>();
            for (Metric m : metrics) {
                logs.put(m.name(), m.result());
            }
            logs.put("loss", lossSum / n);
            Map<String, Double> validation = new LinkedHashMap<>();
            if (vx != null) {
                Evaluation ev = evaluateFlat(vx, vy, vn);
                for (Map.Entry<String, Double> e : ev.asMap().entrySet()) {
                    validation.put("val_" + e.getKey(), e.getValue());
                }
            }
            logs.putAll(validation);
            Map<String, Double> shown = new LinkedHashMap<>(logs);
            shown.remove("loss");
            validation.keySet().forEach(shown::remove);
            progress.epochEnd(epoch, nanos, lossSum / n, shown, validation);
            history.record(logs, nanos / 1e9);
            for (Callback c : callbacks) {
                c.onEpochEnd(this, epoch, logs);
            }
        }
        if (stopReason != null) {
            history.stoppedBecause(stopReason);
            if (o.verbose > 0) {
                o.out.println("Stopped: " + stopReason);
            }
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(this, history);
        }
        return history;
    }

    private Map<String, Double> currentMetrics(Map<String, Double> into) {
        into.clear();
        for (Metric m : metrics) {
            into.put(m.name(), m.result());
        }
        return into;
    }

    private void shuffle(int[] order) {
        // A fresh permutation of 0..n-1 each epoch that depends only on the generator's state, so
        // fit(10) + fit(10), with or without a save and load between, shuffles as fit(20) does.
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffleRandom.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static void gather(float[] fx, float[] fy, int[] order, int from, int rows, int in, int tw, Workspace ws) {
        float[] xb = ws.acts[0];
        float[] yb = ws.targets;
        for (int r = 0; r < rows; r++) {
            int i = order[from + r];
            System.arraycopy(fx, i * in, xb, r * in, in);
            System.arraycopy(fy, i * tw, yb, r * tw, tw);
        }
    }

    /**
     * One training step on one batch, Keras' {@code train_on_batch}: forward, loss, backward and one
     * optimizer update (dropout active). The buffers are kept between calls, so in steady state a
     * call allocates nothing: this is the building block of custom training loops.
     *
     * @param x a batch of samples, {@code rows × inputWidth}
     * @param y their targets, {@code rows × targetWidth}
     * @return the batch's mean loss, measured before the update
     * @throws IllegalArgumentException if shapes do not fit or a value is not finite
     * @throws NonFiniteLossException   if the loss is NaN or infinite
     */
    public double trainOnBatch(float[][] x, float[][] y) {
        requireCompiled("trainOnBatch");
        checkPair(x, y, "x", "y");
        int rows = x.length;
        if (rows == 0) {
            throw new IllegalArgumentException("trainOnBatch needs at least one sample; x and y are empty");
        }
        int tw = targetWidth();
        Workspace ws = batchWorkspace;
        if (ws == null || ws.capacity < rows) {
            ws = new Workspace(network, rows, tw, true);
            batchWorkspace = ws;
        }
        Inputs.copyInto(x, network.inputWidth(), "x", ws.acts[0]);
        Inputs.copyInto(y, tw, "y", ws.targets);
        checkTargets(ws.targets, rows, "y");
        float lossSum = trainStep(ws, rows, network.outputWidth(), tw);
        if (!Float.isFinite(lossSum)) {
            throw new NonFiniteLossException("The training loss became " + lossSum + " in trainOnBatch: training diverged. "
                    + "Lower the learning rate (" + optimizer.config().get("learning_rate") + "), scale the inputs, or check the data.");
        }
        return lossSum / rows;
    }

    /** One step on the batch already in {@code ws}: forward, loss, metrics, backward, update. Returns the loss sum. */
    private float trainStep(Workspace ws, int rows, int out, int tw) {
        Kernels k = kernels;
        int last = network.layerCount();
        network.forward(k, params, ws, rows, dropoutRandom);
        float lossSum = loss.compute(k, rows, out, ws.acts[last], 0, ws.targets, 0, ws.deltaA, 0, fusedLoss);
        for (int m = 0; m < metrics.size(); m++) {
            metrics.get(m).update(rows, out, ws.acts[last], 0, ws.targets, 0, tw);
        }
        Arrays.fill(grads, 0f);
        network.backward(k, params, grads, ws, rows, fusedLoss, null);
        step++;
        optimizer.update(k, grads.length, params, grads, slots, step);
        return lossSum;
    }

    /** Ends {@link #fit} after the current epoch; for callbacks. */
    public void stopTraining(String reason) {
        this.stopReason = reason == null ? "stopped by a callback" : reason;
    }

    // ------------------------------------------------------------------ evaluate and predict

    /**
     * The mean loss over all samples and each metric, with the current weights (no dropout).
     * Thread-safe with respect to other evaluate and predict calls.
     */
    public Evaluation evaluate(float[][] x, float[][] y) {
        requireCompiled("evaluate");
        checkPair(x, y, "x", "y");
        if (x.length == 0) {
            throw new IllegalArgumentException("evaluate needs at least one sample; x and y are empty");
        }
        float[] fx = Inputs.flatten(x, network.inputWidth(), "x");
        float[] fy = Inputs.flatten(y, targetWidth(), "y");
        checkTargets(fy, x.length, "y");
        return evaluateFlat(fx, fy, x.length);
    }

    private Evaluation evaluateFlat(float[] fx, float[] fy, int n) {
        Workspace ws = inference.get();
        int in = network.inputWidth();
        int out = network.outputWidth();
        int tw = targetWidth();
        List<Metric> fresh = new ArrayList<>();
        for (Metric m : metrics) {
            Metric c = m.copy();
            c.reset();
            fresh.add(c);
        }
        double lossSum = 0;
        int last = network.layerCount();
        for (int from = 0; from < n; from += ws.capacity) {
            int rows = Math.min(ws.capacity, n - from);
            System.arraycopy(fx, from * in, ws.acts[0], 0, rows * in);
            network.forward(kernels, params, ws, rows, null);
            lossSum += loss.compute(kernels, rows, out, ws.acts[last], 0, fy, from * tw, null, 0, false);
            for (Metric m : fresh) {
                m.update(rows, out, ws.acts[last], 0, fy, from * tw, tw);
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss", lossSum / n);
        for (Metric m : fresh) {
            values.put(m.name(), m.result());
        }
        return new Evaluation(values);
    }

    /** The model's outputs for each sample ({@code n × outputWidth}), with the current weights. Thread-safe. */
    public float[][] predict(float[][] x) {
        requireBuilt("predict");
        if (x == null) {
            throw new IllegalArgumentException("x is null");
        }
        float[] fx = Inputs.flatten(x, network.inputWidth(), "x");
        int n = x.length;
        int out = network.outputWidth();
        float[][] result = new float[n][out];
        Workspace ws = inference.get();
        int in = network.inputWidth();
        int last = network.layerCount();
        for (int from = 0; from < n; from += ws.capacity) {
            int rows = Math.min(ws.capacity, n - from);
            System.arraycopy(fx, from * in, ws.acts[0], 0, rows * in);
            network.forward(kernels, params, ws, rows, null);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(ws.acts[last], r * out, result[from + r], 0, out);
            }
        }
        return result;
    }

    /** The output of one sample. Thread-safe. */
    public float[] predict(float[] sample) {
        return predict(new float[][] {sample})[0];
    }

    /** The arg-max of each output row (for one output, whether it exceeds 0.5). Thread-safe. */
    public int[] predictClasses(float[][] x) {
        float[][] p = predict(x);
        int[] classes = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            classes[i] = p[i].length == 1 ? (p[i][0] > 0.5f ? 1 : 0) : Accuracy.argMax(p[i], 0, p[i].length);
        }
        return classes;
    }

    private void requireBuilt(String what) {
        if (network == null || params == null) {
            throw new IllegalStateException("Call compile(...) before " + what);
        }
        if (kernels == null) {
            backend();
        }
    }

    private Workspace newInferenceWorkspace() {
        int tw = targetWidth();
        return new Workspace(network, Workspace.inferenceRows(network, tw, PREDICT_CHUNK), tw, false);
    }

    // ------------------------------------------------------------------ gradients (diagnostics, distributed training)

    /** The gradients of one batch: of the mean loss w.r.t. every parameter and every input value. */
    public record Gradients(double meanLoss, float[] parameters, float[][] inputs) {
    }

    /**
     * Computes, without changing the model, the gradient of the mean loss over {@code x} with
     * respect to every parameter (laid out as {@link #getParameters()}) and every input value.
     * Dropout is off (inference mode), so the result is deterministic: this is what gradient
     * checks and distributed training need.
     */
    public Gradients gradients(float[][] x, float[][] y) {
        requireCompiled("gradients");
        checkPair(x, y, "x", "y");
        int n = x.length;
        int in = network.inputWidth();
        int tw = targetWidth();
        float[] fx = Inputs.flatten(x, in, "x");
        float[] fy = Inputs.flatten(y, tw, "y");
        checkTargets(fy, n, "y");
        float[] g = new float[params.length];
        float[] dx = new float[Math.max(1, n * in)];
        double lossSum = gradientInto(fx, fy, n, g, dx);
        float[][] inputs = new float[n][in];
        for (int r = 0; r < n; r++) {
            System.arraycopy(dx, r * in, inputs[r], 0, in);
        }
        return new Gradients(n == 0 ? 0 : lossSum / n, g, inputs);
    }

    /**
     * Adds to {@code gradSum} the gradient of the <em>summed</em> (not mean) loss over {@code rows}
     * samples given flat ({@code x}: rows × inputWidth, {@code y}: rows × targetWidth) and returns
     * the summed loss. Sums from several shards add up to the gradient of their union, which is
     * how data-parallel training combines workers. Shapes are checked; values are not (this is the
     * hot path of distributed training: validate the data once where it is loaded).
     *
     * @throws IllegalArgumentException if an array is null or too short for {@code rows}, or
     *                                  {@code gradSum} does not have {@link #parameterCount()} values
     */
    public double accumulateGradients(float[] x, float[] y, int rows, float[] gradSum) {
        requireCompiled("accumulateGradients");
        checkFlat(x, y, rows, gradSum);
        if (rows == 0) {
            return 0;
        }
        float[] g = new float[params.length];
        double lossSum = gradientInto(x, y, rows, g, null);
        for (int i = 0; i < g.length; i++) {
            gradSum[i] += g[i] * rows;
        }
        return lossSum;
    }

    private double gradientInto(float[] fx, float[] fy, int n, float[] g, float[] dx) {
        if (n == 0) {
            return 0;
        }
        Workspace ws = new Workspace(network, n, targetWidth(), true);
        System.arraycopy(fx, 0, ws.acts[0], 0, n * network.inputWidth());
        System.arraycopy(fy, 0, ws.targets, 0, n * targetWidth());
        network.forward(kernels, params, ws, n, null);
        double lossSum = loss.compute(kernels, n, network.outputWidth(), ws.acts[network.layerCount()], 0,
                ws.targets, 0, ws.deltaA, 0, fusedLoss);
        network.backward(kernels, params, g, ws, n, fusedLoss, dx);
        return lossSum;
    }

    /**
     * Applies one optimizer step with the given gradient of the mean loss (as from
     * {@link #gradients}), advancing the optimizer's step count.
     */
    public void applyGradients(float[] meanGradient) {
        requireCompiled("applyGradients");
        if (meanGradient == null) {
            throw new IllegalArgumentException("The gradient is null; expected " + params.length + " values");
        }
        if (meanGradient.length != params.length) {
            throw new IllegalArgumentException("Gradient has " + meanGradient.length + " values, the model has "
                    + params.length + " parameters");
        }
        requireFinite(meanGradient, "Gradient");
        step++;
        optimizer.update(kernels, params.length, params, meanGradient, slots, step);
    }

    // ------------------------------------------------------------------ state

    /** Number of trainable parameters. */
    public int parameterCount() {
        requireBuilt("parameterCount");
        return params.length;
    }

    /** A copy of every parameter, layer by layer, each layer's tensors in {@link Layer#parameters} order. */
    public float[] getParameters() {
        requireBuilt("getParameters");
        return params.clone();
    }

    /** Replaces every parameter (the layout of {@link #getParameters()}). */
    public void setParameters(float[] values) {
        requireBuilt("setParameters");
        if (values == null) {
            throw new IllegalArgumentException("Parameters are null; expected " + params.length + " values");
        }
        if (values.length != params.length) {
            throw new IllegalArgumentException("Expected " + params.length + " parameters, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("Parameter " + i + " is " + values[i]);
            }
        }
        System.arraycopy(values, 0, params, 0, values.length);
    }

    /**
     * The live gradient buffer of the last training batch (same layout as the parameters). Read it
     * in {@link Callback#onBatchEnd}; do not write it.
     */
    public float[] gradientsView() {
        requireBuilt("gradientsView");
        return grads;
    }

    /** The optimizer's state: its step count and a copy of its slots. */
    public record OptimizerState(long step, float[] slots) {
    }

    public OptimizerState getOptimizerState() {
        requireCompiled("getOptimizerState");
        return new OptimizerState(step, slots.clone());
    }

    public void setOptimizerState(OptimizerState state) {
        requireCompiled("setOptimizerState");
        if (state == null || state.slots() == null) {
            throw new IllegalArgumentException("Optimizer state and its slots must not be null, got " + state);
        }
        if (state.slots().length != slots.length) {
            throw new IllegalArgumentException("Optimizer state has " + state.slots().length + " slots, "
                    + optimizer.name() + " needs " + slots.length);
        }
        if (state.step() < 0) {
            throw new IllegalArgumentException("Optimizer step must be ≥ 0, got " + state.step());
        }
        requireFinite(state.slots(), "Optimizer slot");
        System.arraycopy(state.slots(), 0, slots, 0, slots.length);
        step = state.step();
    }

    /** The states of the shuffling and dropout random streams, so a saved model resumes exactly. */
    public long[] getRandomState() {
        return new long[] {shuffleRandom.state(), dropoutRandom.state()};
    }

    public void setRandomState(long[] state) {
        if (state == null || state.length != 2) {
            throw new IllegalArgumentException("Random state has 2 values, got " + (state == null ? "null" : state.length));
        }
        shuffleRandom.setState(state[0]);
        dropoutRandom.setState(state[1]);
    }

    /** Sets the seed without re-initialising anything (used when restoring a saved model). */
    public void restoreSeed(long seed) {
        this.seed = seed;
    }

    // ------------------------------------------------------------------ introspection

    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    /** Width of one input sample, or -1 before it is known. */
    public int inputWidth() {
        return network != null ? network.inputWidth() : inputWidth > 0 ? inputWidth
                : layers.isEmpty() ? -1 : layers.get(0).declaredInputWidth();
    }

    /** Width of one output row. */
    public int outputWidth() {
        requireBuilt("outputWidth");
        return network.outputWidth();
    }

    /** Width of one target row: the output width, or 1 for sparse labels. */
    public int targetWidth() {
        requireCompiled("targetWidth");
        return loss.targetWidth(network.outputWidth());
    }

    /** Input width of layer {@code l} (and, for {@code l = layers().size()}, the output width). */
    public int layerInputWidth(int l) {
        requireBuilt("layerInputWidth");
        if (l < 0 || l > network.layerCount()) {
            throw new IllegalArgumentException("Layer index " + l + " is out of range: the model has "
                    + network.layerCount() + " layers (0 to " + network.layerCount() + " allowed here)");
        }
        return network.width(l);
    }

    /** Where layer {@code l}'s parameters start in {@link #getParameters()}. */
    public int layerParameterOffset(int l) {
        requireBuilt("layerParameterOffset");
        if (l < 0 || l > network.layerCount()) {
            throw new IllegalArgumentException("Layer index " + l + " is out of range: the model has "
                    + network.layerCount() + " layers (0 to " + network.layerCount() + " allowed here)");
        }
        return network.paramOffset(l);
    }

    public Loss loss() {
        return loss;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The metrics as resolved at compile time (e.g. "accuracy" → categorical accuracy). */
    public List<Metric> metrics() {
        return metrics;
    }

    public List<String> metricNames() {
        return metricNames;
    }

    public boolean isCompiled() {
        return loss != null;
    }

    /** A Keras-style table of the layers, their output shapes and parameter counts. */
    public String summary() {
        build();
        StringBuilder sb = new StringBuilder(SummaryTable.layers(network));
        if (loss != null) {
            sb.append("\n Loss: ").append(loss.name()).append(fusedLoss ? " (gradient fused with the output activation)" : "");
            sb.append("\n Optimizer: ").append(optimizer);
            for (Metric m : metrics) {
                sb.append("\n Metric ").append(m.name()).append(": ").append(m.description());
            }
            sb.append("\n Backend: ").append(backend().name());
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ validation

    private void checkPair(float[][] x, float[][] y, String xName, String yName) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(xName + " and " + yName + " must not be null (got " + Inputs.shape(x)
                    + " and " + Inputs.shape(y) + ")");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(xName + " has shape " + Inputs.shape(x) + " and " + yName + " has shape "
                    + Inputs.shape(y) + ": they must have the same number of samples");
        }
        int in = network.inputWidth();
        if (x.length > 0 && x[0] != null && x[0].length != in) {
            throw new IllegalArgumentException(xName + " has shape " + Inputs.shape(x) + " but the model expects samples of width "
                    + in + ", i.e. shape [" + x.length + ", " + in + "]");
        }
        int tw = targetWidth();
        if (y.length > 0 && y[0] != null && y[0].length != tw) {
            String hint = loss.targetWidth(network.outputWidth()) == 1 ? " (class indices for " + loss.name() + ")"
                    : " (" + network.outputWidth() + " outputs: one-hot targets need one column per class)";
            throw new IllegalArgumentException(yName + " has shape " + Inputs.shape(y) + " but the model's output has shape [None, "
                    + network.outputWidth() + "] and " + loss.name() + " expects targets of shape [" + y.length + ", " + tw + "]" + hint);
        }
    }

    private static void requireFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " " + i + " is " + values[i] + "; expected a finite number");
            }
        }
    }

    private void checkFlat(float[] x, float[] y, int rows, float[] gradSum) {
        int in = network.inputWidth();
        int tw = targetWidth();
        if (x == null || y == null || gradSum == null) {
            throw new IllegalArgumentException("x, y and gradSum must not be null");
        }
        if (rows < 0 || (long) rows * in > x.length || (long) rows * tw > y.length) {
            throw new IllegalArgumentException(rows + " rows need " + (long) rows * in + " x values and " + (long) rows * tw
                    + " y values; got " + x.length + " and " + y.length);
        }
        if (gradSum.length != params.length) {
            throw new IllegalArgumentException("gradSum has " + gradSum.length + " values, the model has "
                    + params.length + " parameters");
        }
    }

    private void checkTargets(float[] fy, int n, String what) {
        if (targetWidth() == 1 && network.outputWidth() > 1) {
            int classes = network.outputWidth();
            for (int r = 0; r < n; r++) {
                float v = fy[r];
                if (v != (int) v || v < 0 || v >= classes) {
                    throw new IllegalArgumentException(what + " row " + r + " is the label " + v + " but the model has "
                            + classes + " outputs: labels must be whole numbers in [0, " + classes + ")");
                }
            }
        }
    }

    // ------------------------------------------------------------------ saving and loading (dev.vectornn.io)

    /**
     * Saves this compiled model (architecture, weights, compile settings, optimizer state, seed and
     * random state) to {@code file} in the safetensors layout, replacing the file atomically: if
     * anything fails the previous file is left as it was. See {@link dev.vectornn.io.ModelFiles}.
     *
     * @throws IllegalStateException if the model is not compiled, or a layer, the loss or the
     *                               optimizer cannot be found again by its registered name
     * @throws java.io.IOException   if writing fails
     */
    public void save(java.nio.file.Path file) throws java.io.IOException {
        dev.vectornn.io.ModelFiles.save(this, file);
    }

    /**
     * Loads a model written by {@link #save}, compiled and ready to predict or to resume training
     * exactly where it stopped. See {@link dev.vectornn.io.ModelFiles}.
     *
     * @throws dev.vectornn.io.ModelFormatException if the file is truncated, corrupted or not a
     *                                              vectornn model, or names an unknown layer type,
     *                                              loss or optimizer; the message says which
     * @throws java.io.IOException                  if the file cannot be read
     */
    public static Sequential load(java.nio.file.Path file) throws java.io.IOException {
        return dev.vectornn.io.ModelFiles.load(file);
    }
}
