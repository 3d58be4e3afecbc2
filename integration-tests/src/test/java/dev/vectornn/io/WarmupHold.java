package dev.vectornn.io;

import dev.vectornn.optimizers.schedules.LearningRateSchedule;
import dev.vectornn.optimizers.schedules.LearningRateScheduleType;
import dev.vectornn.spi.ConfigMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's own schedule, as an outside jar would write it: a linear warm-up from 0 to
 * {@code peak} over {@code warmup_steps} steps, then {@code peak} held. Its {@link Type} is
 * registered in this module's test {@code META-INF/services}, so models using it save and load.
 */
public final class WarmupHold implements LearningRateSchedule {

    private final double peak;
    private final long warmupSteps;

    public WarmupHold(double peak, long warmupSteps) {
        this.peak = peak;
        this.warmupSteps = warmupSteps;
    }

    static WarmupHold fromConfig(Map<String, ?> config) {
        // Strict, as the SPI asks: an unknown or a missing key is an error naming it.
        ConfigMap c = ConfigMap.of("WarmupHold config", config).checkKeys("peak", "warmup_steps");
        return new WarmupHold(c.getDouble("peak", 0, Double.MAX_VALUE), c.getLong("warmup_steps", 1, Long.MAX_VALUE));
    }

    @Override
    public String className() {
        return "WarmupHold";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("peak", peak);
        c.put("warmup_steps", warmupSteps);
        return c;
    }

    @Override
    public double applyAsDouble(long step) {
        return step >= warmupSteps ? peak : peak * (step + 1) / warmupSteps;
    }

    @Override
    public String toString() {
        return className() + config();
    }

    /** The registered type: found by {@code "WarmupHold"} (or {@code "warmup_hold"}). */
    public static final class Type implements LearningRateScheduleType {
        @Override
        public String name() {
            return "WarmupHold";
        }

        @Override
        public LearningRateSchedule create(Map<String, ?> config) {
            return fromConfig(config);
        }
    }
}
