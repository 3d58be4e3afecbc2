package dev.vectornn.bench.e2e;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Backend;

/** The lecture's iris network: 4→16 ReLU→3 softmax, mean squared error, SGD (Keras defaults), accuracy. */
final class IrisProgram {

    static final long SEED = 42;

    private IrisProgram() {
    }

    /** A compiled, freshly initialised model on {@code backend}. */
    static Sequential model(Backend backend) {
        Sequential model = new Sequential();
        model.add(new Dense(16, "relu").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.backend(backend);
        model.seed(SEED);
        model.compile("mean_squared_error", "sgd", "accuracy");
        return model;
    }
}
