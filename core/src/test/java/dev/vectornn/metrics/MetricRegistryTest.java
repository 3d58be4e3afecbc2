package dev.vectornn.metrics;

import dev.vectornn.VectorNN;
import dev.vectornn.losses.Losses;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics are found by name like losses, rebuild from their config, and say clearly what is wrong. */
class MetricRegistryTest {

    @Test
    void everyMetricIsFoundByItsKerasNameAndAliases() {
        for (String name : List.of("precision", "recall", "f1_score", "auc", "top_k_categorical_accuracy",
                "mean_absolute_error", "mean_squared_error", "root_mean_squared_error", "r2_score", "binary_accuracy",
                "categorical_accuracy", "sparse_categorical_accuracy")) {
            assertEquals(name, Metrics.get(name).name());
        }
        assertInstanceOf(Auc.class, Metrics.get("AUC"));
        assertInstanceOf(F1Score.class, Metrics.get("F1Score"));
        assertInstanceOf(MeanAbsoluteError.class, Metrics.get("mae"));
        assertInstanceOf(RootMeanSquaredError.class, Metrics.get("RootMeanSquaredError"));
        assertNotSame(Metrics.get("auc"), Metrics.get("auc"), "each get is a fresh instance");
    }

    @Test
    void accuracyIsResolvedFromTheLossAsKerasDoes() {
        // Keras compile_utils: hinge and squared_hinge are binary losses, so "accuracy" is binary_accuracy.
        assertEquals(Accuracy.Kind.BINARY, ((Accuracy) Metrics.resolve("accuracy", Losses.get("hinge"), 3)).kind());
        assertEquals(Accuracy.Kind.BINARY, ((Accuracy) Metrics.resolve("acc", Losses.get("squared_hinge"), 3)).kind());
        assertEquals(Accuracy.Kind.CATEGORICAL, ((Accuracy) Metrics.resolve("accuracy", Losses.get("categorical_hinge"), 3)).kind());
        assertEquals(Accuracy.Kind.SPARSE, ((Accuracy) Metrics.resolve("Accuracy", Losses.get("scce"), 3)).kind());
        assertEquals("precision", Metrics.resolve("precision", Losses.get("bce"), 1).name());
    }

    @Test
    void configsRoundTrip() {
        List<Metric> configured = List.of(new Auc(50, Auc.Curve.PR, "majoring", true), new Precision(0.3, 2),
                new Recall(0.7, -1), new F1Score("weighted", 0.4), new TopKCategoricalAccuracy(3),
                new R2Score("variance_weighted_average", 2), new BinaryAccuracy(0.25));
        for (Metric m : configured) {
            Metric again = Metrics.get(m.name(), m.config());
            assertEquals(m.getClass(), again.getClass());
            assertEquals(m.config(), again.config(), m.name());
            assertEquals(m.description(), again.description());
        }
        // Whole numbers may come back from a file as Long.
        assertEquals(50, ((Auc) Metrics.get("auc", Map.of("num_thresholds", 50L, "curve", "pr"))).numThresholds());
    }

    @Test
    void badSettingsAreNamed() {
        String e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("auc", Map.of("curve", "DET"))).getMessage();
        assertTrue(e.contains("curve") && e.contains("ROC or PR"), e);
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("auc", Map.of("num_thresholds", 1))).getMessage();
        assertTrue(e.contains("num_thresholds"), e);
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("precision", Map.of("threshold", 0.5))).getMessage();
        assertTrue(e.contains("unknown key 'threshold'") && e.contains("thresholds"), e);
        e = assertThrows(IllegalArgumentException.class, () -> new F1Score("samples", 0.5)).getMessage();
        assertTrue(e.contains("average") && e.contains("macro"), e);
        e = assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy(0)).getMessage();
        assertTrue(e.contains("k must be at least 1"), e);
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("bleu")).getMessage();
        assertTrue(e.contains("Unknown metric 'bleu'") && e.contains("precision") && e.contains("auc"), e);
        e = assertThrows(IllegalArgumentException.class,
                () -> new Precision(0.5, 3).update(1, 2, new float[2], 0, new float[2], 0, 2)).getMessage();
        assertTrue(e.contains("class_id 3"), e);
    }

    @Test
    void describeListsTheMetrics() {
        String d = VectorNN.describe();
        assertTrue(d.contains("metric providers:") && d.contains("auc from dev.vectornn.metrics.Auc")
                && d.contains("accuracy (alias: acc)"), d);
    }
}
