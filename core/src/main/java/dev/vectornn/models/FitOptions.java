package dev.vectornn.models;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every knob of {@link Sequential#fit}, with Keras' defaults: 1 epoch, batch size 32, shuffled
 * each epoch, no validation, verbose 1.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(100).batchSize(16).validationSplit(0.2)
 *                           .callbacks(new EarlyStopping("val_loss").patience(10)));
 * }</pre>
 */
public final class FitOptions {

    int epochs = 1;
    int batchSize = 32;
    boolean shuffle = true;
    double validationSplit;
    float[][] validationX;
    float[][] validationY;
    float[] validationSampleWeight;
    float[] sampleWeight;
    Map<Integer, ? extends Number> classWeight;
    final List<Callback> callbacks = new ArrayList<>();
    int verbose = 1;
    PrintStream out = System.out;
    double divergenceFactor = 10;

    private FitOptions() {
    }

    /** Defaults, then the number of epochs. */
    public static FitOptions epochs(int epochs) {
        return new FitOptions().withEpochs(epochs);
    }

    /** Keras' defaults. */
    public static FitOptions defaults() {
        return new FitOptions();
    }

    public FitOptions withEpochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be ≥ 0, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Samples per gradient update. The last batch of an epoch may be smaller. */
    public FitOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Shuffle the training samples before each epoch (default true), with the model's seed. */
    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /**
     * Hold out this fraction of the samples, taken from the end before any shuffling (as Keras),
     * to validate on after each epoch.
     */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /** Validate on these samples after each epoch (overrides {@link #validationSplit}). */
    public FitOptions validationData(float[][] x, float[][] y) {
        this.validationX = Objects.requireNonNull(x, "validation x");
        this.validationY = Objects.requireNonNull(y, "validation y");
        this.validationSampleWeight = null;
        return this;
    }

    /**
     * Validate on these samples, weighted per sample as {@link #sampleWeight} weights the
     * training ones, as Keras' {@code validation_data=(x, y, sample_weight)}. The weights are
     * checked by {@code fit} (one per sample, finite, ≥ 0).
     */
    public FitOptions validationData(float[][] x, float[][] y, float[] sampleWeight) {
        validationData(x, y);
        this.validationSampleWeight = Objects.requireNonNull(sampleWeight, "validation sampleWeight");
        return this;
    }

    /**
     * Weighs each training sample's loss, as Keras' {@code sample_weight}: a batch's loss is
     * {@code Σ wᵢ·lossᵢ / rows} and each row's gradient is scaled by its weight (Keras'
     * {@code sum_over_batch_size}; PyTorch's weighted mean divides by {@code Σ wᵢ} instead).
     * {@code fit} checks them: one per sample of {@code x}, finite, ≥ 0. With
     * {@link #validationSplit} the held-out samples keep their weights for {@code val_loss}.
     * The metrics do not take the weights yet.
     */
    public FitOptions sampleWeight(float[] weights) {
        this.sampleWeight = Objects.requireNonNull(weights, "sampleWeight");
        return this;
    }

    /**
     * Weighs each training sample by its class, as Keras' {@code class_weight}: a one-hot target
     * row's class is its arg-max, a one-column target's (a sparse label, a binary 0/1) its
     * rounded value, and a class missing from the map weighs 1. A typical use balances rare
     * classes: {@code classWeight(Map.of(0, 1.0, 1, 9.0))}. Applied to the training loss only, as
     * in Keras (validation is unweighted unless given {@link #validationData(float[][], float[][],
     * float[]) weights}); cannot be combined with {@link #sampleWeight}, as in Keras. {@code fit}
     * refuses a class the targets cannot name and a weight that is negative or not finite.
     */
    public FitOptions classWeight(Map<Integer, ? extends Number> weights) {
        this.classWeight = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(Objects.requireNonNull(weights, "classWeight")));
        return this;
    }

    public FitOptions callbacks(Callback... callbacks) {
        this.callbacks.addAll(Arrays.asList(callbacks));
        return this;
    }

    /**
     * 0: silent; 1: a progress bar per epoch (redrawn in place on a terminal, one line per epoch
     * otherwise); 2: one line per epoch, never redrawn.
     */
    public FitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        }
        this.verbose = verbose;
        return this;
    }

    /**
     * How far an epoch's mean training loss may rise above the loss training starts from before
     * {@code fit} calls it divergence (default 10): an epoch diverges when its loss exceeds
     * {@code factor × max(L0, 0.1)}, where {@code L0} is the mean loss of the starting parameters
     * over the training samples. The model then goes back to the state that epoch began with and
     * {@link NonFiniteLossException} says which epoch. {@code Double.POSITIVE_INFINITY} turns the
     * rule off (and saves the one evaluation pass that measures {@code L0}); non-finite losses,
     * gradients and parameters are refused whatever the factor.
     */
    public FitOptions divergenceFactor(double factor) {
        if (!(factor > 1)) {
            throw new IllegalArgumentException("divergenceFactor must be > 1 (or infinite to turn the rule off), got " + factor);
        }
        this.divergenceFactor = factor;
        return this;
    }

    /** Where progress goes (default {@code System.out}). */
    public FitOptions out(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        return this;
    }
}
