package dev.vectornn.properties;

import dev.vectornn.models.Sequential;
import dev.vectornn.spi.Backend;
import dev.vectornn.testkit.PropertySettings;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.impl.Constraint;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code predict} on a batch equals {@code predict} on each row alone, bit for bit: a sample's
 * output must not depend on which other samples share its batch (batches of up to 300 rows also
 * cross the model's 256-row inference chunk).
 */
class PredictBatchPropertyTest {

    static final int EXAMPLES = 40;

    static Gen<Scenario> bigBatches(Backend b) {
        Gen<Scenario> base = Generate.pick(Combo.all()).flatMap(c -> Scenarios.of(b, c));
        return in -> {
            Scenario s = base.generate(in);
            int n = (int) in.next(Constraint.between(1, 300));
            return new Scenario(b, s.net(), s.params(), Scenarios.matrix(in, n, s.net().width(0), 2), new float[0][]);
        };
    }

    @Test
    void batchPredictionEqualsRowByRowPrediction() {
        for (Backend b : TestBackends.all()) {
            PropertySettings.qt(EXAMPLES).forAll(bigBatches(b)).checkAssert(s -> {
                Sequential m = s.model("sgd");
                float[][] batch = m.predict(s.x());
                for (int r = 0; r < s.batch(); r++) {
                    float[] alone = m.predict(s.x()[r]);
                    int row = r;
                    assertTrue(Arrays.equals(alone, batch[r]), () -> "row " + row + " alone gives " + Arrays.toString(alone)
                            + ", in the batch " + Arrays.toString(batch[row]));
                }
            });
        }
    }
}
