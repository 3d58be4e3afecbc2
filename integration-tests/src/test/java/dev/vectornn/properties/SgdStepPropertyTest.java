package dev.vectornn.properties;

import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.PropertySettings;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small SGD step along the computed gradient lowers the loss, by about what the first-order
 * term {@code η |g|²} predicts. The loss is measured with the double-precision reference network,
 * so float rounding in the loss cannot hide or fake a decrease.
 *
 * <p>Why it must hold: {@code L(θ − η g) = L(θ) − η |g|² + O(η² |g|² λ)} for curvature {@code λ};
 * with {@value #LEARNING_RATE} and the moderate networks generated here ({@code λ} far below 1/η)
 * the decrease is at least half the first-order term. Gradients shorter than {@value #MIN_NORM}
 * are skipped: there the float rounding of the updated weights (about 6e-8 each) is comparable to
 * the decrease.
 */
class SgdStepPropertyTest {

    static final double LEARNING_RATE = 1e-3;
    static final double MIN_NORM = 1e-2;
    static final int EXAMPLES = 60;

    static Gen<Scenario> anyCombo(Backend b) {
        return Generate.pick(Combo.all()).flatMap(c -> Scenarios.of(b, c));
    }

    @Test
    void aSmallStepAlongTheGradientLowersTheLoss() {
        for (Backend b : TestBackends.all()) {
            PropertySettings.qt(EXAMPLES).forAll(anyCombo(b))
                    .assuming(Scenario::differentiable)
                    // Too flat to measure (see the class comment): such cases are discarded, not counted as passes.
                    .assuming(s -> squaredNorm(s.model(new Sgd(LEARNING_RATE)).gradients(s.x(), s.t()).parameters())
                            >= MIN_NORM * MIN_NORM)
                    .checkAssert(s -> {
                        Sequential m = s.model(new Sgd(LEARNING_RATE));
                        float[] g = m.gradients(s.x(), s.t()).parameters();
                        double norm2 = squaredNorm(g);
                        double before = s.referenceLoss(s.params());
                        m.applyGradients(g);
                        double after = s.referenceLoss(m.getParameters());
                        double predicted = LEARNING_RATE * norm2;
                        assertTrue(before - after >= 0.5 * predicted, "SGD step changed the loss from " + before + " to "
                                + after + "; the first-order prediction is a decrease of " + predicted);
                    });
        }
    }

    static double squaredNorm(float[] g) {
        double norm2 = 0;
        for (float v : g) {
            norm2 += (double) v * v;
        }
        return norm2;
    }
}
