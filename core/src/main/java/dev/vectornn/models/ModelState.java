package dev.vectornn.models;

import dev.vectornn.internal.SplitMix64;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.spi.Kernels;

/**
 * The mutable part of a compiled model: parameters, their gradients, the optimizer's slots and
 * step count, and the shuffling and dropout random streams. Training writes it; a
 * {@link ModelSnapshot} copies it out and back in.
 */
final class ModelState {
    final float[] params;
    final float[] grads;
    final float[] slots;
    /** The trainable prefix of {@link #params}: what has optimizer slots (the rest is non-trainable). */
    final int trainable;
    long step;
    final SplitMix64 shuffleRandom = new SplitMix64(0);
    final SplitMix64 dropoutRandom = new SplitMix64(0);

    private ModelState(int parameters, int trainable, int slots) {
        this.params = new float[parameters];
        this.trainable = trainable;
        this.grads = new float[parameters];
        this.slots = new float[slots];
    }

    /** Weights initialised from {@code seed}, fresh optimizer slots, step 0, streams seeded. */
    static ModelState initial(Network network, Optimizer optimizer, long seed) {
        int trainable = network.trainableCount();
        ModelState s = new ModelState(network.parameterCount(), trainable, slotCount(optimizer, trainable));
        network.initialize(s.params, new SplitMix64(seed));
        s.shuffleRandom.setState(seed ^ 0x5DEECE66DL);
        s.dropoutRandom.setState(seed ^ 0xD1B54A32D192ED03L);
        optimizer.initializeSlots(s.slots, trainable);
        return s;
    }

    /** This state's weights and random streams with a fresh {@code optimizer} (step 0): compiling again, as Keras. */
    ModelState withOptimizer(Optimizer optimizer) {
        ModelState s = new ModelState(params.length, trainable, slotCount(optimizer, trainable));
        System.arraycopy(params, 0, s.params, 0, params.length);
        s.shuffleRandom.setState(shuffleRandom.state());
        s.dropoutRandom.setState(dropoutRandom.state());
        optimizer.initializeSlots(s.slots, trainable);
        return s;
    }

    /** An empty state of the same shape, for {@link #copyFrom}. */
    ModelState sameShape() {
        return new ModelState(params.length, trainable, slots.length);
    }

    private static int slotCount(Optimizer optimizer, int parameters) {
        return Math.multiplyExact(optimizer.slotsPerParameter(), parameters);
    }

    /** Copies {@code other}'s parameters, slots, step and streams (not its gradients). Allocates nothing. */
    void copyFrom(ModelState other) {
        System.arraycopy(other.params, 0, params, 0, params.length);
        System.arraycopy(other.slots, 0, slots, 0, slots.length);
        step = other.step;
        shuffleRandom.setState(other.shuffleRandom.state());
        dropoutRandom.setState(other.dropoutRandom.state());
    }

    ModelSnapshot snapshot() {
        return new ModelSnapshot(params, slots, step, shuffleRandom.state(), dropoutRandom.state());
    }

    /**
     * Puts {@code s} into this state, all or nothing.
     *
     * @throws IllegalArgumentException naming what does not fit: a count of parameters or slots, or
     *                                  a value that is not finite
     */
    void restore(ModelSnapshot s, String optimizerName, Kernels kernels) {
        float[] p = s.parameters();
        float[] sl = s.slots();
        if (p.length != params.length) {
            throw new IllegalArgumentException("The snapshot has " + p.length + " parameters, the model has " + params.length);
        }
        if (sl.length != slots.length) {
            throw new IllegalArgumentException("The snapshot has " + sl.length + " optimizer slots, " + optimizerName
                    + " needs " + slots.length);
        }
        requireFinite(kernels, p, "Parameter");
        requireFinite(kernels, sl, "Optimizer slot");
        System.arraycopy(p, 0, params, 0, p.length);
        System.arraycopy(sl, 0, slots, 0, sl.length);
        step = s.step();
        shuffleRandom.setState(s.shuffleState());
        dropoutRandom.setState(s.dropoutState());
    }

    /** Counts one more optimizer step. */
    void advanceStep() {
        requireStepLeft();
        step++;
    }

    /** Throws unless the step counter can count one more step. */
    void requireStepLeft() {
        if (step == Long.MAX_VALUE) {
            throw new IllegalStateException("The optimizer has taken " + Long.MAX_VALUE
                    + " steps and cannot count another; the model is left as it was");
        }
    }

    /** Throws naming the first NaN or infinite value of {@code values}; the scan is the backend's. */
    static void requireFinite(Kernels kernels, float[] values, String what) {
        int i = kernels.firstNonFinite(values.length, values, 0);
        if (i >= 0) {
            throw new IllegalArgumentException(what + " " + i + " is " + values[i] + "; expected a finite number");
        }
    }
}
