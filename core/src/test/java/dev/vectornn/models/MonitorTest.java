package dev.vectornn.models;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Monitor}'s directions and improvement rule, as Keras 3's {@code MonitorCallback} and
 * {@code EarlyStopping}: losses down, accuracies up; an improvement must beat the reference by
 * more than {@code min_delta} ({@code less(current + delta, best)} when minimising).
 */
class MonitorTest {

    @Test
    void autoDirections() {
        assertEquals(Boolean.FALSE, Monitor.autoMaximise("val_loss"));
        assertEquals(Boolean.FALSE, Monitor.autoMaximise("mean_absolute_error"));
        assertEquals(Boolean.TRUE, Monitor.autoMaximise("val_accuracy"));
        assertEquals(Boolean.TRUE, Monitor.autoMaximise("auc"));
        assertNull(Monitor.autoMaximise("val_score"));
    }

    @Test
    void improvementNeedsMoreThanMinDelta() {
        Monitor min = Monitor.of("t", "loss", "auto", -0.1);
        assertEquals(0.1, min.minDelta);
        assertTrue(min.improves(0.85, 1.0));
        assertFalse(min.improves(0.95, 1.0));
        Monitor max = Monitor.of("t", "x", "max", 0.5);
        assertTrue(max.improves(2.0, 1.0));
        assertFalse(max.improves(1.5, 1.0));
        assertTrue(max.improves(-5, max.worst()));
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Monitor.of("t", "", "auto", 0));
        assertThrows(IllegalArgumentException.class, () -> Monitor.of("t", "loss", "up", 0));
        assertThrows(IllegalArgumentException.class, () -> Monitor.of("t", "loss", "min", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Monitor.of("t", "val_score", "auto", 0));
    }
}
