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
 * {@code predict} on a batch equals {@code predict} on each row alone: a sample's output must not
 * depend on which other samples share its batch (batches of up to 300 rows also cross the model's
 * 256-row inference chunk).
 *
 * <p>On the scalar reference the two are equal bit for bit. A faster backend may pick its
 * summation order by shape (the SIMD backend multiplies one row directly but packs a large batch
 * into panels and sums with FMA), as BLAS-backed frameworks do, which the {@code Kernels} contract
 * allows; there the two must agree to float rounding: 1e-5 relative, about 80 ulps, room for the
 * rounding of a few layers of reordered sums yet far below any real error (a row mixed up with
 * another differs by ~0.1).
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

    private static boolean close(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            float scale = Math.max(1f, Math.max(Math.abs(a[i]), Math.abs(b[i])));
            if (!(Math.abs(a[i] - b[i]) <= 1e-5f * scale)) {
                return false;
            }
        }
        return true;
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
                    boolean same = b.name().equals("scalar") ? Arrays.equals(alone, batch[r]) : close(alone, batch[r]);
                    assertTrue(same, () -> b.name() + ": row " + row + " alone gives " + Arrays.toString(alone)
                            + ", in the batch " + Arrays.toString(batch[row]));
                }
            });
        }
    }
}
