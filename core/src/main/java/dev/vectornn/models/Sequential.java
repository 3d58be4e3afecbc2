package dev.vectornn.models;

import dev.vectornn.backend.Backends;
import dev.vectornn.internal.ModelStore;
import dev.vectornn.layers.Layer;
import dev.vectornn.losses.Loss;
import dev.vectornn.losses.Losses;
import dev.vectornn.metrics.Accuracy;
import dev.vectornn.metrics.Metric;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.spi.Backend;

import java.util.ArrayList;
import java.util.Arrays;
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
 * {@link #evaluate} and {@link #predict}. Compiling a compiled model again, say with another
 * optimizer, keeps its weights and random streams, as Keras does; the optimizer starts afresh.
 * {@link #reinitialize()} starts the weights afresh too.
 *
 * <h2>Reproducibility</h2>
 * One seed drives weight initialisation, shuffling and dropout: the same seed on the same backend
 * gives bitwise-identical histories and weights. Without {@link #seed(long)} a random seed is
 * drawn; {@link #seed()} tells which, so any run can be replayed.
 *
 * <h2>Failing safely</h2>
 * Training data is checked whole before the first step (shapes, finite values, labels against
 * the loss). A step whose loss, gradients or updated weights are not finite is not applied, and
 * {@link NonFiniteLossException} names its epoch and batch; the model keeps its last finite
 * state, so it can still be saved. See {@link FitOptions#divergenceFactor(double)} for the rule on
 * a loss that grows while staying finite.
 *
 * <h2>Threads</h2>
 * {@link #predict}, {@link #predictClasses} and {@link #evaluate} may be called from many threads
 * at once (weights are only read; each thread gets its own scratch buffers), as long as no thread
 * is training, compiling or changing parameters at the same time; they give bitwise the answers of
 * a single thread. {@link #save} only reads the model, so it may run alongside them, and the static
 * {@link #load} may run in any thread. Everything else (fit, compile, seed, the setters,
 * applyGradients, restore) changes the model and is for one thread at a time.
 *
 * <h2>Memory</h2>
 * {@code fit} allocates its buffers once per call; each training step (gather a batch, forward,
 * loss, backward, update) then allocates nothing, whatever the verbosity.
 */
public class Sequential {

    private final List<Layer> layers = new ArrayList<>();
    private int inputWidth = -1;
    private long seed = ThreadLocalRandom.current().nextLong();
    private Backend backend;
    private Network network;

    // Set by compile, together.
    private CompiledModel compiled;
    private ModelState state;
    private StepRunner runner;
    private Inference inference;

    /** The buffers of {@link #trainOnBatch}, kept between calls. */
    private Workspace batchWorkspace;
    private FitLoop activeLoop;

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
        if (compiled != null) {
            reinitialize();
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
        if (compiled != null) {
            install(compiled.on(backend), state);
        }
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

    /**
     * Compiles with configured objects, e.g. {@code compile(new CategoricalCrossentropy(), new
     * Adam(0.01), "accuracy")}. The first compile builds the model and initialises its weights; a
     * later one keeps the weights and random streams and gives the new optimizer fresh state.
     *
     * @throws IllegalArgumentException for an unknown or repeated metric, or a metric that reads
     *                                  targets of another shape than the loss (such as
     *                                  {@code binary_accuracy} with sparse labels); the model is
     *                                  then left as it was
     */
    public void compile(Loss loss, Optimizer optimizer, String... metrics) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        if (metrics == null || Arrays.asList(metrics).contains(null)) {
            throw new IllegalArgumentException("Metric names must not be null, got " + Arrays.toString(metrics));
        }
        Network net = build();
        install(net, CompiledModel.of(net, backend(), loss, optimizer, metrics));
    }

    /**
     * Compiles with configured metrics, e.g. {@code compile("binary_crossentropy", "adam", new
     * Precision(), new Auc(200, Auc.Curve.PR))}. The model works on copies: the instances given
     * are never updated.
     *
     * @throws IllegalArgumentException as {@link #compile(Loss, Optimizer, String...)}
     */
    public void compile(String loss, String optimizer, Metric metric, Metric... more) {
        compile(Losses.get(loss), Optimizers.get(optimizer), metric, more);
    }

    /** Compiles with a loss by name, a configured optimizer and configured metrics. */
    public void compile(String loss, Optimizer optimizer, Metric metric, Metric... more) {
        compile(Losses.get(loss), optimizer, metric, more);
    }

    /**
     * Compiles with Keras' two metric lists: {@code metrics}, which are never weighted, and
     * {@code weightedMetrics}, which get the sample weights and class weights of {@code fit},
     * {@code evaluate} and validation (Keras' {@code weighted_metrics}). Each entry is a metric name
     * ({@code "accuracy"} resolved from the loss) or a configured {@link Metric}, e.g.
     * {@code compile("binary_crossentropy", "adam", List.of("accuracy"), List.of("accuracy", new Auc()))}.
     *
     * <p>The logs name each metric as Keras 3 does: by its name, except that a weighted metric whose
     * name is already taken is logged as {@code weighted_<name>} (and {@code weighted_<name>_1} ...
     * after that): above, {@code accuracy}, {@code weighted_accuracy} and {@code auc}, and on
     * validation {@code val_weighted_accuracy}. Without weights a weighted metric equals its plain
     * twin. A model saves and loads both lists.
     *
     * @throws IllegalArgumentException as {@link #compile(Loss, Optimizer, String...)}, or for an
     *                                  entry that is neither a name nor a {@code Metric} (its list
     *                                  and position are named)
     */
    public void compile(Loss loss, Optimizer optimizer, List<?> metrics, List<?> weightedMetrics) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Network net = build();
        install(net, CompiledModel.of(net, backend(), loss, optimizer,
                CompiledModel.resolve(net, loss, metrics, "metrics"),
                CompiledModel.resolve(net, loss, weightedMetrics, "weightedMetrics")));
    }

    /** {@link #compile(Loss, Optimizer, List, List)} with the loss and optimizer by name. */
    public void compile(String loss, String optimizer, List<?> metrics, List<?> weightedMetrics) {
        compile(Losses.get(loss), Optimizers.get(optimizer), metrics, weightedMetrics);
    }

    /** {@link #compile(Loss, Optimizer, List, List)} with the loss by name. */
    public void compile(String loss, Optimizer optimizer, List<?> metrics, List<?> weightedMetrics) {
        compile(Losses.get(loss), optimizer, metrics, weightedMetrics);
    }

    /** Compiles with configured objects throughout; see {@link #compile(Loss, Optimizer, String...)}. */
    public void compile(Loss loss, Optimizer optimizer, Metric metric, Metric... more) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        List<Metric> all = new ArrayList<>();
        all.add(metric);
        all.addAll(Arrays.asList(more == null ? new Metric[] {null} : more));
        if (all.contains(null)) {
            throw new IllegalArgumentException("Metrics must not be null, got " + all);
        }
        Network net = build();
        install(net, CompiledModel.of(net, backend(), loss, optimizer, all));
    }

    private void install(Network net, CompiledModel c) {
        ModelState s = state == null ? ModelState.initial(net, c.optimizer, seed) : state.withOptimizer(c.optimizer);
        network = net;
        install(c, s);
    }

    /**
     * Initialises the weights, the optimizer's state and the random streams afresh from the seed,
     * as the first {@link #compile} did.
     *
     * @throws IllegalStateException before {@code compile}
     */
    public void reinitialize() {
        requireCompiled("reinitialize");
        install(compiled, ModelState.initial(network, compiled.optimizer, seed));
    }

    private Network build() {
        if (network != null) {
            return network;
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("The model has no layers: add at least one before compile");
        }
        int width = inputWidth > 0 ? inputWidth : layers.get(0).declaredInputWidth();
        if (width <= 0) {
            throw new IllegalStateException("The model's input width is unknown: give the first layer an input width, "
                    + "e.g. new Dense(16, \"relu\").inputDim(4), or call input(4)");
        }
        Network net = new Network(layers, width);
        this.inputWidth = width;
        return net;
    }

    private void install(CompiledModel c, ModelState s) {
        compiled = c;
        state = s;
        runner = new StepRunner(c, s);
        inference = new Inference(c, runner);
        batchWorkspace = null;
    }

    private void requireCompiled(String what) {
        if (compiled == null) {
            throw new IllegalStateException("Call compile(...) before " + what);
        }
    }

    // ------------------------------------------------------------------ training

    /** Trains for {@code epochs} epochs in batches of {@code batchSize}, with the other defaults of {@link FitOptions}. */
    public History fit(float[][] x, float[][] y, int epochs, int batchSize) {
        return fit(x, y, FitOptions.epochs(epochs).batchSize(batchSize));
    }

    /**
     * Trains the model. All of {@code x} and {@code y} is checked before the first step.
     *
     * @param x samples, {@code n × inputWidth}
     * @param y targets, {@code n × outputWidth} (one-hot for categorical losses) or {@code n × 1}
     *          (class indices for sparse cross-entropy)
     * @throws IllegalArgumentException if shapes do not fit (both shapes are named), a value is
     *                                  not finite, or a label names no output (its row is named)
     * @throws NonFiniteLossException   if training diverges; the model keeps its last finite state
     */
    public History fit(float[][] x, float[][] y, FitOptions options) {
        requireCompiled("fit");
        Objects.requireNonNull(options, "options");
        TrainingData all = TrainingData.of(compiled, x, y, "x", "y");
        if (all.rows == 0) {
            throw new IllegalArgumentException("fit needs at least one sample; x and y are empty");
        }
        if (options.sampleWeight != null && options.classWeight != null) {
            throw new IllegalArgumentException("fit got both sampleWeight and classWeight; give one of them (as Keras), "
                    + "or fold the class weights into the sample weights");
        }
        if (options.sampleWeight != null) {
            all = all.weighted(SampleWeights.checked(options.sampleWeight, all.rows, "sampleWeight", "x"));
        } else if (options.classWeight != null) {
            SampleWeights.checkClassWeight(compiled, options.classWeight);
        }
        TrainingData train = all;
        TrainingData validation = null;
        if (options.validationX != null) {
            validation = TrainingData.of(compiled, options.validationX, options.validationY, "validation x", "validation y");
            if (validation.rows == 0) {
                throw new IllegalArgumentException("validationData is empty: give at least one validation sample or none at all");
            }
            if (options.validationSampleWeight != null) {
                validation = validation.weighted(SampleWeights.checked(options.validationSampleWeight, validation.rows,
                        "validation sampleWeight", "validation x"));
            }
        } else if (options.validationSplit > 0) {
            int vn = (int) (all.rows * options.validationSplit);
            int trainN = all.rows - vn;
            if (vn == 0 || trainN == 0) {
                throw new IllegalArgumentException("validationSplit " + options.validationSplit + " of " + all.rows
                        + " samples leaves " + trainN + " to train on and " + vn + " to validate on; both must be > 0");
            }
            train = all.head(trainN);
            validation = all.tail(trainN);
        }
        if (options.classWeight != null) {
            // After the split, as Keras: class weights weigh the training samples only.
            train = train.weighted(SampleWeights.fromClassWeight(compiled, options.classWeight, train.y, train.rows));
        }
        return fit(new LocalSteps(runner, state, inference, train, validation, options.batchSize, options.shuffle), options);
    }

    /**
     * Runs the epoch loop of {@code fit} over batches that {@code steps} forms and trains on, for
     * example on a cluster: the same callbacks, progress output, stopping and divergence rules.
     * Of {@code options}, this uses the epochs, callbacks, verbosity, output and divergence
     * factor; batching, shuffling and validation are the strategy's.
     *
     * @throws NonFiniteLossException if training diverges; the model keeps its last finite state
     */
    public History fit(StepStrategy steps, FitOptions options) {
        requireCompiled("fit");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(options, "options");
        FitLoop loop = new FitLoop(this, state, steps, options, compiled.metricNames);
        FitLoop outer = activeLoop;
        activeLoop = loop;
        try {
            return loop.run();
        } finally {
            activeLoop = outer;
        }
    }

    /** Ends {@link #fit} after the current epoch; for callbacks. */
    public void stopTraining(String reason) {
        FitLoop loop = activeLoop;
        if (loop != null) {
            loop.stop(reason == null ? "stopped by a callback" : reason);
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
     * @throws NonFiniteLossException   if the step diverged; it was not applied
     */
    public double trainOnBatch(float[][] x, float[][] y) {
        return trainOnBatch(x, y, null);
    }

    /**
     * {@link #trainOnBatch(float[][], float[][])} with per-sample weights, as Keras'
     * {@code train_on_batch(x, y, sample_weight=w)}: the loss is {@code Σ wᵢ·lossᵢ / rows} and
     * each row's gradient is scaled by its weight. Allocates nothing once warm.
     *
     * @param sampleWeight one finite weight ≥ 0 per row, or null for none
     * @return the batch's weighted mean loss, measured before the update
     * @throws IllegalArgumentException as the unweighted form, or for weights of the wrong
     *                                  length or a negative or non-finite weight (its index named)
     */
    public double trainOnBatch(float[][] x, float[][] y, float[] sampleWeight) {
        requireCompiled("trainOnBatch");
        TrainingData.checkPair(compiled, x, y, "x", "y");
        if (sampleWeight != null) {
            SampleWeights.check(sampleWeight, x.length, "sampleWeight", "x");
        }
        int rows = x.length;
        if (rows == 0) {
            throw new IllegalArgumentException("trainOnBatch needs at least one sample; x and y are empty");
        }
        Workspace ws = batchWorkspace;
        if (ws == null || ws.capacity < rows) {
            ws = runner.trainingWorkspace(rows);
            batchWorkspace = ws;
        }
        Inputs.copyInto(x, network.inputWidth(), "x", ws.acts[0]);
        Inputs.copyInto(y, compiled.targetWidth, "y", ws.targets);
        ws.weighted = sampleWeight != null;
        if (sampleWeight != null) {
            System.arraycopy(sampleWeight, 0, ws.weights, 0, rows);
        }
        TargetChecks.checkLabels(compiled, ws.targets, rows, "y", 0);
        return runner.train(ws, rows) / rows;
    }

    // ------------------------------------------------------------------ evaluate and predict

    /**
     * The mean loss over all samples and each metric, with the current weights (no dropout).
     * Thread-safe with respect to other evaluate and predict calls.
     */
    public Evaluation evaluate(float[][] x, float[][] y) {
        requireCompiled("evaluate");
        TrainingData data = TrainingData.of(compiled, x, y, "x", "y");
        if (data.rows == 0) {
            throw new IllegalArgumentException("evaluate needs at least one sample; x and y are empty");
        }
        return inference.evaluate(data);
    }

    /**
     * {@link #evaluate(float[][], float[][])} with per-sample weights, as Keras'
     * {@code evaluate(x, y, sample_weight=w)}: the loss is {@code Σ wᵢ·lossᵢ / n}. The metrics do
     * not take the weights yet.
     *
     * @throws IllegalArgumentException as the unweighted form, or if {@code sampleWeight} is null,
     *                                  has not one value per sample, or holds a negative or
     *                                  non-finite value (its index is named)
     */
    public Evaluation evaluate(float[][] x, float[][] y, float[] sampleWeight) {
        requireCompiled("evaluate");
        if (sampleWeight == null) {
            throw new IllegalArgumentException("sampleWeight is null; use evaluate(x, y) for unweighted samples");
        }
        TrainingData data = TrainingData.of(compiled, x, y, "x", "y");
        if (data.rows == 0) {
            throw new IllegalArgumentException("evaluate needs at least one sample; x and y are empty");
        }
        return inference.evaluate(data.weighted(SampleWeights.checked(sampleWeight, data.rows, "sampleWeight", "x")));
    }

    /** The model's outputs for each sample ({@code n × outputWidth}), with the current weights. Thread-safe. */
    public float[][] predict(float[][] x) {
        requireCompiled("predict");
        if (x == null) {
            throw new IllegalArgumentException("x is null");
        }
        return inference.predict(Inputs.flatten(x, network.inputWidth(), "x"), x.length);
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
        TrainingData data = TrainingData.of(compiled, x, y, "x", "y");
        int n = data.rows;
        int in = data.inputWidth;
        float[] g = new float[state.params.length];
        float[] dx = new float[Math.max(1, n * in)];
        double lossSum = gradientInto(data, g, dx);
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
        return accumulateGradients(x, y, null, rows, gradSum);
    }

    /**
     * {@link #accumulateGradients(float[], float[], int, float[])} with per-sample weights
     * {@code sampleWeight} (one per row, or null for none): adds the gradient of the weighted sum
     * {@code Σ wᵢ·lossᵢ} (plus the penalties, as unweighted) and returns that sum. Divided by the
     * rows of the union of several shards, it is what {@code fit} trains on with
     * {@code sampleWeight}: Keras' {@code sum_over_batch_size}. Weights are not checked here.
     *
     * @throws IllegalArgumentException as the unweighted form, or if {@code sampleWeight} has fewer than {@code rows} values
     */
    public double accumulateGradients(float[] x, float[] y, float[] sampleWeight, int rows, float[] gradSum) {
        requireCompiled("accumulateGradients");
        checkFlat(x, y, rows, gradSum);
        if (sampleWeight != null && sampleWeight.length < rows) {
            throw new IllegalArgumentException(rows + " rows need " + rows + " sample weights; got " + sampleWeight.length);
        }
        if (rows == 0) {
            return 0;
        }
        float[] g = new float[state.params.length];
        TrainingData data = TrainingData.trusted(compiled, x, y, rows);
        double lossSum = gradientInto(sampleWeight == null ? data : data.weighted(sampleWeight), g, null);
        for (int i = 0; i < g.length; i++) {
            gradSum[i] += g[i] * rows;
        }
        return lossSum;
    }

    private double gradientInto(TrainingData data, float[] g, float[] dx) {
        int n = data.rows;
        if (n == 0) {
            return 0;
        }
        Workspace ws = runner.trainingWorkspace(n);
        System.arraycopy(data.x, 0, ws.acts[0], 0, n * data.inputWidth);
        System.arraycopy(data.y, 0, ws.targets, 0, n * data.targetWidth);
        ws.weighted = data.w != null;
        if (ws.weighted) {
            System.arraycopy(data.w, 0, ws.weights, 0, n);
        }
        return runner.gradient(ws, n, g, dx);
    }

    /**
     * The per-sample weights that {@code fit}'s {@code classWeight} gives the {@code rows} target
     * rows in {@code y} (flat, {@code rows × targetWidth}): Keras' rule, the class of a row being the
     * arg-max of a one-hot row or the label, and a class the map leaves out weighing 1. For
     * trainers that form batches themselves, as Spark's does.
     *
     * @throws IllegalArgumentException naming a class the targets cannot name or a weight that is
     *                                  negative or not finite
     */
    public float[] classWeightsToSampleWeights(float[] y, int rows, Map<Integer, ? extends Number> classWeight) {
        requireCompiled("classWeightsToSampleWeights");
        Objects.requireNonNull(classWeight, "classWeight");
        if (y == null || (long) rows * compiled.targetWidth > y.length || rows < 0) {
            throw new IllegalArgumentException(rows + " rows need " + (long) rows * compiled.targetWidth + " target values; got "
                    + (y == null ? "null" : y.length));
        }
        return SampleWeights.fromClassWeight(compiled, classWeight, y, rows);
    }

    /**
     * Applies one optimizer step with the given gradient of the mean loss (as from
     * {@link #gradients}), advancing the optimizer's step count.
     *
     * @throws IllegalArgumentException if the gradient is null, of the wrong length or not finite
     * @throws NonFiniteLossException   if the update makes a parameter non-finite; it was not applied
     * @throws IllegalStateException    if the step count would overflow; nothing changed
     */
    public void applyGradients(float[] meanGradient) {
        requireCompiled("applyGradients");
        if (meanGradient == null) {
            throw new IllegalArgumentException("The gradient is null; expected " + state.params.length + " values");
        }
        if (meanGradient.length != state.params.length) {
            throw new IllegalArgumentException("Gradient has " + meanGradient.length + " values, the model has "
                    + state.params.length + " parameters");
        }
        ModelState.requireFinite(compiled.kernels, meanGradient, "Gradient");
        runner.apply(meanGradient);
    }

    private void checkFlat(float[] x, float[] y, int rows, float[] gradSum) {
        int in = network.inputWidth();
        int tw = compiled.targetWidth;
        if (x == null || y == null || gradSum == null) {
            throw new IllegalArgumentException("x, y and gradSum must not be null");
        }
        if (rows < 0 || (long) rows * in > x.length || (long) rows * tw > y.length) {
            throw new IllegalArgumentException(rows + " rows need " + (long) rows * in + " x values and " + (long) rows * tw
                    + " y values; got " + x.length + " and " + y.length);
        }
        if (gradSum.length != state.params.length) {
            throw new IllegalArgumentException("gradSum has " + gradSum.length + " values, the model has "
                    + state.params.length + " parameters");
        }
    }

    // ------------------------------------------------------------------ state

    /** Number of trainable parameters. */
    public int parameterCount() {
        requireCompiled("parameterCount");
        return state.params.length;
    }

    /** A copy of every parameter, layer by layer, each layer's tensors in {@link Layer#parameters} order. */
    public float[] getParameters() {
        requireCompiled("getParameters");
        return state.params.clone();
    }

    /**
     * Replaces every parameter (the layout of {@link #getParameters()}), leaving the optimizer's
     * state and the random streams as they are.
     *
     * @throws IllegalArgumentException if {@code values} is null, of the wrong length or not finite
     */
    public void setParameters(float[] values) {
        requireCompiled("setParameters");
        if (values == null) {
            throw new IllegalArgumentException("Parameters are null; expected " + state.params.length + " values");
        }
        if (values.length != state.params.length) {
            throw new IllegalArgumentException("Expected " + state.params.length + " parameters, got " + values.length);
        }
        ModelState.requireFinite(compiled.kernels, values, "Parameter");
        System.arraycopy(values, 0, state.params, 0, values.length);
    }

    /**
     * The live gradient buffer of the last training batch (same layout as the parameters). Read it
     * in {@link Callback#onBatchEnd}; do not write it.
     */
    public float[] gradientsView() {
        requireCompiled("gradientsView");
        return state.grads;
    }

    /**
     * A copy of everything training changes: parameters, optimizer slots and step count, and the
     * random streams' states. {@link #restore} puts it back; saving a model stores it.
     */
    public ModelSnapshot snapshot() {
        requireCompiled("snapshot");
        return state.snapshot();
    }

    /**
     * Puts the model back into {@code snapshot}'s state, all or nothing.
     *
     * @throws IllegalArgumentException if the snapshot is null or does not fit this model (its counts of
     *                                  parameters or slots) or holds a value that is not finite;
     *                                  the model is then left as it was
     */
    public void restore(ModelSnapshot snapshot) {
        requireCompiled("restore");
        if (snapshot == null) {
            throw new IllegalArgumentException("The snapshot is null");
        }
        state.restore(snapshot, compiled.optimizer.name(), compiled.kernels);
    }

    // ------------------------------------------------------------------ learning rate (callbacks)

    /**
     * The optimizer's learning rate, what {@link ReduceLROnPlateau} and
     * {@link LearningRateScheduler} read.
     *
     * @throws IllegalStateException before {@code compile}, or if the optimizer's rate is not a
     *                               constant (a schedule)
     */
    public double learningRate() {
        requireCompiled("learningRate");
        Double rate = learningRateIfConstant();
        if (rate == null) {
            throw notConstantRate("read");
        }
        return rate;
    }

    /**
     * Replaces the optimizer's learning rate, keeping its state (moments, step count), as setting
     * Keras' {@code optimizer.learning_rate} does; later saves store the new rate.
     *
     * @throws IllegalArgumentException if {@code rate} is not a positive finite number
     * @throws IllegalStateException    before {@code compile}, or if the optimizer's rate is a
     *                                  schedule (Keras refuses to overwrite a schedule, too)
     */
    public void setLearningRate(double rate) {
        requireCompiled("setLearningRate");
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("The learning rate must be a positive finite number, got " + rate);
        }
        if (learningRateIfConstant() == null) {
            throw notConstantRate("set");
        }
        // The one place that changes the rate.
        Optimizer changed = compiled.optimizer.withLearningRate(rate);
        compiled = compiled.withOptimizer(changed);
        runner.useOptimizer(changed);
    }

    /** The optimizer's rate if it is a plain number, else null; what the fit loop logs as {@code learning_rate}. */
    Double learningRateIfConstant() {
        Object rate = compiled.optimizer.config().get("learning_rate");
        return rate instanceof Number ? compiled.optimizer.learningRate(state.step) : null;
    }

    private IllegalStateException notConstantRate(String verb) {
        return new IllegalStateException("Cannot " + verb + " the learning rate of " + compiled.optimizer.name()
                + ": it is not a constant (learning_rate = " + compiled.optimizer.config().get("learning_rate")
                + "). A learning-rate schedule owns the rate; use a constant rate with ReduceLROnPlateau or LearningRateScheduler.");
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
        requireCompiled("outputWidth");
        return network.outputWidth();
    }

    /** Width of one target row: the output width, or 1 for sparse labels. */
    public int targetWidth() {
        requireCompiled("targetWidth");
        return compiled.targetWidth;
    }

    /** Input width of layer {@code l} (and, for {@code l = layers().size()}, the output width). */
    public int layerInputWidth(int l) {
        requireCompiled("layerInputWidth");
        checkLayerIndex(l);
        return network.width(l);
    }

    /** Where layer {@code l}'s parameters start in {@link #getParameters()}. */
    public int layerParameterOffset(int l) {
        requireCompiled("layerParameterOffset");
        checkLayerIndex(l);
        return network.paramOffset(l);
    }

    /**
     * Where layer {@code l}'s non-trainable values ({@link Layer#nonTrainableParameters}) start in
     * {@link #getParameters()}: after every trainable parameter of the model.
     */
    public int layerNonTrainableOffset(int l) {
        requireCompiled("layerNonTrainableOffset");
        checkLayerIndex(l);
        return network.nonTrainableOffset(l);
    }

    /**
     * How many of {@link #getParameters()} are trainable: that prefix has gradients and optimizer
     * slots; the rest are non-trainable values such as moving statistics.
     */
    public int trainableParameterCount() {
        requireCompiled("trainableParameterCount");
        return network.trainableCount();
    }

    private void checkLayerIndex(int l) {
        if (l < 0 || l > network.layerCount()) {
            throw new IllegalArgumentException("Layer index " + l + " is out of range: the model has "
                    + network.layerCount() + " layers (0 to " + network.layerCount() + " allowed here)");
        }
    }

    /** The loss, or null before {@code compile}. */
    public Loss loss() {
        return compiled == null ? null : compiled.loss;
    }

    /** The optimizer, or null before {@code compile}. */
    public Optimizer optimizer() {
        return compiled == null ? null : compiled.optimizer;
    }

    /**
     * The metrics given as {@code metrics} (not weighted), as resolved at compile time (e.g.
     * "accuracy" → categorical accuracy).
     */
    public List<Metric> metrics() {
        return compiled == null ? List.of() : compiled.plainMetrics();
    }

    /** The metrics given as {@code weightedMetrics} (Keras' {@code weighted_metrics}); empty if none. */
    public List<Metric> weightedMetrics() {
        return compiled == null ? List.of() : compiled.weightedMetrics();
    }

    /**
     * The logs key of every metric, the {@link #metrics()} then the {@link #weightedMetrics()}, in
     * Keras 3's naming (see {@link #compile(Loss, Optimizer, List, List)}).
     */
    public List<String> metricNames() {
        return compiled == null ? List.of() : compiled.metricNames;
    }

    public boolean isCompiled() {
        return compiled != null;
    }

    /** A Keras-style table of the layers, their output shapes and parameter counts. */
    public String summary() {
        Network net = build();
        StringBuilder sb = new StringBuilder(SummaryTable.layers(net));
        if (compiled != null) {
            sb.append("\n Loss: ").append(compiled.loss.name())
                    .append(compiled.loss.config().isEmpty() ? "" : " " + compiled.loss.config())
                    .append(compiled.fusedLoss ? " (gradient fused with the output activation)" : "");
            sb.append("\n Optimizer: ").append(compiled.optimizer);
            for (int m = 0; m < compiled.metrics.size(); m++) {
                sb.append("\n Metric ").append(compiled.metricNames.get(m))
                        .append(m >= compiled.weightedFrom ? " (weighted)" : "").append(": ")
                        .append(compiled.metrics.get(m).description());
            }
            sb.append("\n Backend: ").append(backend().name());
        }
        return sb.toString();
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
        ModelStore.<Sequential>get().save(this, file);
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
        return ModelStore.<Sequential>get().load(file);
    }
}
