package dev.vectornn.examples;

import dev.vectornn.charts.Charts;
import dev.vectornn.charts.fixtures.Png;
import dev.vectornn.models.GradientStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VanishingGradientsTest {

    @TempDir
    static Path dir;
    private static VanishingGradients.Result r;
    private static String text;

    @BeforeAll
    static void run() {
        VanishingGradients example = new VanishingGradients();
        new CommandLine(example).parseArgs("--seed", "7", "--chart", dir.resolve("vanishing.png").toString());
        Output out = new Output();
        r = example.run(out.stream);
        text = out.text();
    }

    @Test
    void sigmoidsFirstLayerGradientIsAtLeastTenTimesSmallerAfterTheFirstEpoch() {
        double sigmoid = r.sigmoid().gradients().meanNorm(0, 0);
        double relu = r.relu().gradients().meanNorm(0, 0);
        assertTrue(sigmoid > 0, "a zero gradient would make the comparison vacuous");
        assertTrue(10 * sigmoid <= relu, "first layer, epoch 1: sigmoid " + sigmoid + ", relu " + relu);
    }

    @Test
    void sigmoidGradientsShrinkLayerByLayerTowardsTheInput() {
        GradientStatistics g = r.sigmoid().gradients();
        assertEquals(9, g.layerCount(), "8 hidden layers and the output");
        for (int k = 0; k + 1 < g.layerCount(); k++) {
            assertTrue(g.meanNorm(0, k) < g.meanNorm(0, k + 1), "layer " + (k + 1) + " vs " + (k + 2));
        }
    }

    @Test
    void reluLearnsWhileSigmoidBarelyMoves() {
        double reluFirst = r.relu().history().get("loss").get(0);
        double reluLast = r.relu().history().last("loss");
        double sigmoidLast = r.sigmoid().history().last("loss");
        assertTrue(reluLast < 0.5 * reluFirst, "relu loss " + reluFirst + " -> " + reluLast);
        assertTrue(reluLast < 0.5 * sigmoidLast, "relu " + reluLast + " vs sigmoid " + sigmoidLast);
    }

    @Test
    void printsBothTablesAndWritesTheChart() throws Exception {
        assertTrue(text.contains("sigmoid: mean gradient norm per layer"), text);
        assertTrue(text.contains("relu: mean gradient norm per layer"), text);
        assertTrue(text.contains("layer 1") && text.contains("output"), text);
        Png.assertValid(dir.resolve("vanishing.png"), 3 * Charts.WIDTH, Charts.HEIGHT);
    }
}
