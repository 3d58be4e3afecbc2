package dev.vectornn.properties;

import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.PropertySettings;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Backpropagation is right: {@link GradientProperty} for every backend on the class path and
 * every sensible hidden activation × output activation × loss ({@link Combo#all()}, 24).
 */
class GradientPropertyTest {

    /** Examples per backend and combination; {@code -DQT_EXAMPLES=n} overrides. */
    static final int EXAMPLES = 20;

    @TestFactory
    List<DynamicTest> analyticGradientsMatchFiniteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend b : TestBackends.all()) {
            for (Combo c : Combo.all()) {
                tests.add(dynamicTest(b.name() + ": " + c, () -> GradientProperty.check(PropertySettings.qt(EXAMPLES), b, c)));
            }
        }
        return tests;
    }
}
