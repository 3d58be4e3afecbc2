package dev.vectornn.properties;

import dev.vectornn.spi.Backend;
import org.quicktheories.QuickTheory;

/**
 * The gradient property: for every generated network, batch and target, the backend's analytic
 * gradient of the mean loss (every weight, every bias, every input value) agrees with central
 * finite differences of the double-precision reference network. Tolerances and why:
 * {@link dev.vectornn.testkit.GradientCheck}.
 *
 * <p>Samples too close to a ReLU kink or to cross-entropy's clipping bounds are not
 * differentiable there; they are discarded as failed assumptions, never counted as passes.
 */
final class GradientProperty {

    private GradientProperty() {
    }

    static void check(QuickTheory qt, Backend backend, Combo combo) {
        qt.forAll(Scenarios.of(backend, combo))
                .assuming(Scenario::differentiable)
                .checkAssert(s -> s.gradientCheck().assertAgrees());
    }
}
