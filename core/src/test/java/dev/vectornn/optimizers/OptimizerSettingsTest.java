package dev.vectornn.optimizers;

import dev.vectornn.optimizers.schedules.CosineDecay;
import dev.vectornn.optimizers.schedules.ExponentialDecay;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared optimizer settings (issue 14 item 5): registry names, Keras' defaults, learning rate
 * as a number or a schedule, weight decay, the clipping arguments and their errors.
 */
class OptimizerSettingsTest {

    @Test
    void theNewOptimizersAreFoundByTheirKerasNames() {
        assertTrue(Optimizers.names().containsAll(List.of("adamw", "nadam", "adamax", "lion")), Optimizers.names().toString());
        assertEquals(AdamW.class, Optimizers.get("AdamW").getClass());
        assertEquals(Nadam.class, Optimizers.get("nadam").getClass());
        assertEquals(Adamax.class, Optimizers.get("adamax").getClass());
        assertEquals(Lion.class, Optimizers.get("lion").getClass());
    }

    @Test
    void kerasDefaults() {
        // keras.optimizers.Nadam() / Adamax(): lr 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7;
        // Lion(): lr 0.001, beta_1 0.9, beta_2 0.99.
        Map<String, Object> adamLike = Map.of("learning_rate", 0.001, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7);
        assertEquals(adamLike, new Nadam().config());
        assertEquals(adamLike, new Adamax().config());
        assertEquals(Map.of("learning_rate", 0.001, "beta_1", 0.9, "beta_2", 0.99), new Lion().config());
        // Unset shared settings stay out of the config, so configs saved before them read back the same.
        assertEquals(Map.of("learning_rate", 0.01, "momentum", 0.0, "nesterov", false), new Sgd().config());
    }

    @Test
    void aConstantRateReadsAndReplacesAsBefore() {
        Optimizer adam = new Adam(0.01);
        assertEquals(0.01, adam.config().get("learning_rate"));
        assertEquals(0.01, adam.learningRate(0));
        assertEquals(0.01, adam.learningRate(1_000_000));
        Optimizer faster = adam.withConfig(Map.of("learning_rate", 0.05));
        assertEquals(0.05, faster.config().get("learning_rate"));
        assertEquals(0.05, adam.withLearningRate(0.05).learningRate(3));
        assertEquals(0.01, adam.learningRate(0), "the original is unchanged");
    }

    @Test
    void aScheduleIsEvaluatedAtTheStepAndHeldInTheConfigInKerasNestedForm() {
        ExponentialDecay decay = new ExponentialDecay(0.1, 10, 0.5, true);
        Optimizer sgd = new Sgd(0.1, 0.9, false).withLearningRate(decay);
        assertEquals(0.1, sgd.learningRate(9));
        assertEquals(0.05, sgd.learningRate(10));
        Object lr = sgd.config().get("learning_rate");
        assertEquals(Map.of("class_name", "ExponentialDecay", "config", decay.config()), lr);
        // The nested form is read back, as when loading.
        Optimizer rebuilt = new Sgd().withConfig(sgd.config());
        assertEquals(sgd.config(), rebuilt.config());
        // Another setting changed keeps the schedule; a number replaces it.
        assertEquals(lr, sgd.withConfig(Map.of("momentum", 0.5)).config().get("learning_rate"));
        assertEquals(0.2, sgd.withLearningRate(0.2).config().get("learning_rate"));
        // A plain function keeps working through withConfig too.
        Optimizer plain = new Adam().withLearningRate(step -> 0.5 / (step + 1));
        assertEquals(0.25, plain.withConfig(Map.of("beta_1", 0.8)).learningRate(1));
    }

    @Test
    void sharedSettingsAppearInTheConfigWhenSetAndCanBeUnset() {
        Optimizer o = new Nadam().withConfig(Map.of("weight_decay", 0.01, "global_clipnorm", 2.0,
                "learning_rate", Map.of("class_name", "CosineDecay", "config",
                        new CosineDecay(0.01, 100, 0.1, 0.02, 5).config())));
        Map<String, Object> c = o.config();
        assertEquals(0.01, c.get("weight_decay"));
        assertEquals(2.0, c.get("global_clipnorm"));
        assertFalse(c.containsKey("clipnorm"));
        Map<String, Object> unset = new HashMap<>();
        unset.put("global_clipnorm", null);
        unset.put("weight_decay", null);
        Map<String, Object> back = o.withConfig(unset).config();
        assertFalse(back.containsKey("global_clipnorm") || back.containsKey("weight_decay"), back.toString());
        assertEquals(0.004, new AdamW().withConfig(unset).config().get("weight_decay"), "AdamW always decays");
    }

    @Test
    void atMostOneClippingArgument() {
        // Keras 3 BaseOptimizer: "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set."
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam().withConfig(Map.of("clipnorm", 1.0, "global_clipnorm", 1.0)));
        assertTrue(e.getMessage().contains("only one of clipnorm, clipvalue and global_clipnorm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd().withConfig(Map.of("clipnorm", 1.0, "clipvalue", 0.5)));
    }

    @Test
    void badValuesAreNamed() {
        assertMessage("clipnorm", () -> new Adam().withConfig(Map.of("clipnorm", 0.0)));
        assertMessage("clipvalue", () -> new Adam().withConfig(Map.of("clipvalue", -1.0)));
        assertMessage("weight_decay", () -> new Adam().withConfig(Map.of("weight_decay", -0.1)));
        assertMessage("beta_1", () -> new Lion().withConfig(Map.of("beta_1", 0.0)));
        assertMessage("weight_decy", () -> new AdamW().withConfig(Map.of("weight_decy", 0.1)));
        assertMessage("learning_rate", () -> new Adam().withConfig(Map.of("learning_rate", "fast")));
        assertMessage("Unknown learning-rate schedule", () -> new Adam().withConfig(Map.of("learning_rate",
                Map.of("class_name", "StepDecay", "config", Map.of()))));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }

    @Test
    void nadamMomentumProductMatchesTheRunningProduct() {
        // Keras multiplies u_product by u_t every step; the closed form must give the same value.
        double running = 1;
        for (long t = 1; t <= 2000; t++) {
            running *= Nadam.momentum(0.9f, t);
            assertEquals(running, Nadam.momentumProduct(0.9f, t), 1e-12 * Math.max(running, 1e-300), "t=" + t);
        }
    }
}
