package dev.vectornn.properties;

import dev.vectornn.layers.Dense;
import dev.vectornn.losses.Losses;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Optimizer;
import dev.vectornn.optimizers.Optimizers;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.GradientCheck;
import dev.vectornn.testkit.ReferenceNetwork;

import java.util.Arrays;

/**
 * One generated case: a backend, a dense network with its float parameters, a batch of inputs and
 * targets. {@link #toString()} is what QuickTheories prints as the falsifying value.
 */
record Scenario(Backend backend, ReferenceNetwork net, float[] params, float[][] x, float[][] t) {

    int batch() {
        return x.length;
    }

    /** The same network as a compiled {@link Sequential} on this scenario's backend, with these parameters. */
    Sequential model(String optimizer) {
        return model(Optimizers.get(optimizer));
    }

    /** As {@link #model(String)} with a configured optimizer. */
    Sequential model(Optimizer optimizer) {
        Sequential m = new Sequential();
        for (int l = 0; l < net.layers(); l++) {
            Dense d = new Dense(net.width(l + 1), net.activation(l));
            m.add(l == 0 ? d.inputDim(net.width(0)) : d);
        }
        m.backend(backend);
        m.compile(Losses.get(net.loss().kerasName()), optimizer);
        m.setParameters(params);
        return m;
    }

    /** The reference network's batch-mean loss at {@code parameters} on this scenario's batch. */
    double referenceLoss(float[] parameters) {
        return net.meanLoss(ReferenceNetwork.toDouble(parameters), ReferenceNetwork.flatten(x), ReferenceNetwork.flatten(t), batch());
    }

    /** True if no ReLU pre-activation is near its kink and no probability near the clipping bounds. */
    boolean differentiable() {
        double[] p = ReferenceNetwork.toDouble(params);
        double[] dx = ReferenceNetwork.flatten(x);
        return net.reluMargin(p, dx, batch()) >= GradientCheck.KINK_MARGIN
                && net.clipMargin(p, dx, ReferenceNetwork.flatten(t), batch()) >= GradientCheck.CLIP_MARGIN;
    }

    /** The model's analytic gradient compared with finite differences of the reference network. */
    GradientCheck.Result gradientCheck() {
        Sequential.Gradients g = model("sgd").gradients(x, t);
        return GradientCheck.compare(net, params, x, t, g.parameters(), g.inputs());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(backend.name()).append(": ").append(net)
                .append(", batch ").append(batch()).append(", ").append(params.length).append(" parameters");
        if (params.length + x.length * net.width(0) <= 64) {
            sb.append(", params ").append(Arrays.toString(params)).append(", x ").append(Arrays.deepToString(x))
                    .append(", t ").append(Arrays.deepToString(t));
        }
        return sb.toString();
    }
}
