package dev.vectornn.spark;

import dev.vectornn.models.Sequential;

/**
 * The model each executor thread computes gradients with, rebuilt once from the broadcast
 * {@link ModelSpec} and then only given new weights each step. One per thread because a
 * {@link Sequential} is for one thread at a time while it is being given weights; its kernels come
 * from whichever backend this executor's class path provides.
 */
final class ExecutorModels {

    private record Cached(String specId, Sequential model) {
    }

    private static final ThreadLocal<Cached> CACHE = new ThreadLocal<>();

    private ExecutorModels() {
    }

    /** This thread's model of {@code spec}, holding {@code weights}. */
    static Sequential withWeights(ModelSpec spec, float[] weights) {
        Sequential model = of(spec);
        model.setParameters(weights);
        return model;
    }

    /** This thread's model of {@code spec}, with whatever weights it holds (for what needs only its compile settings). */
    static Sequential of(ModelSpec spec) {
        Cached c = CACHE.get();
        if (c == null || !c.specId().equals(spec.id)) {
            c = new Cached(spec.id, spec.build());
            CACHE.set(c);
        }
        return c.model();
    }
}
