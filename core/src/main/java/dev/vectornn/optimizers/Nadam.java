package dev.vectornn.optimizers;

import dev.vectornn.spi.Kernels;

import java.util.Map;

/**
 * Nadam, Adam with Nesterov momentum, as Keras 3 (lr 0.001, β1 0.9, β2 0.999, ε 1e-7), with its
 * momentum schedule {@code u_t = β1 (1 − ½·0.96^t)}. Keras keeps the running product
 * {@code Π u_i} as an optimizer variable; here it is recomputed from the step (in double), so it
 * needs no state beyond the two moments and resumes exactly after a save. PyTorch's
 * {@code torch.optim.NAdam} uses the same schedule (its {@code momentum_decay} 0.004 gives
 * {@code 0.96^t}) but defaults to lr 0.002 and ε 1e-8; this class follows Keras.
 */
public final class Nadam extends AdamFamily {

    /** Keras' decay of the momentum schedule, as the float32 Keras computes with. */
    private static final double DECAY = 0.96f;

    public Nadam() {
        this(0.001);
    }

    public Nadam(double learningRate) {
        this(rate(learningRate));
    }

    private Nadam(Map<String, Object> c) {
        super("Nadam", c, null);
    }

    @Override
    public String name() {
        return "nadam";
    }

    @Override
    Optimizer rebuild(Map<String, Object> config) {
        return new Nadam(config);
    }

    /** {@code u_t = β1 (1 − ½·0.96^t)}. */
    static double momentum(double beta1, long t) {
        return beta1 * (1 - 0.5 * Math.pow(DECAY, t));
    }

    /**
     * {@code Π_{i=1..t} u_i} as {@code β1^t · Π (1 − ½·0.96^i)}: the second product's factors
     * reach 1 in double after about 900 terms, so at most that many are multiplied.
     */
    static double momentumProduct(double beta1, long t) {
        double product = Math.pow(beta1, t);
        double power = 1;
        for (long i = 1; i <= t; i++) {
            power *= DECAY;
            double factor = 1 - 0.5 * power;
            if (factor == 1) {
                break;
            }
            product *= factor;
        }
        return product;
    }

    @Override
    void apply(Kernels k, int n, float[] params, float[] grads, float[] slots, long step, float lr) {
        double uT = momentum(beta1, step);
        double uNext = momentum(beta1, step + 1);
        double product = momentumProduct(beta1, step);
        float momentumFactor = (float) (uNext / (1 - product * uNext));
        float gradientFactor = (float) ((1 - uT) / (1 - product));
        float secondMomentCorrection = (float) (1 - Math.pow(beta2, step));
        k.nadamUpdate(n, params, 0, grads, 0, slots, 0, slots, n, lr, beta1, beta2, epsilon,
                momentumFactor, gradientFactor, secondMomentCorrection);
    }
}
