package dev.vectornn.optimizers.schedules;

import java.util.Map;

/** The built-in schedules as {@link LearningRateScheduleType}s, registered in core's {@code META-INF/services}. */
public final class BuiltinScheduleTypes {

    private BuiltinScheduleTypes() {
    }

    /** {@link ExponentialDecay}. */
    public static final class ExponentialDecayType implements LearningRateScheduleType {
        @Override
        public String name() {
            return "ExponentialDecay";
        }

        @Override
        public LearningRateSchedule create(Map<String, ?> config) {
            return new ExponentialDecay(config);
        }
    }

    /** {@link PiecewiseConstantDecay}. */
    public static final class PiecewiseConstantDecayType implements LearningRateScheduleType {
        @Override
        public String name() {
            return "PiecewiseConstantDecay";
        }

        @Override
        public LearningRateSchedule create(Map<String, ?> config) {
            return new PiecewiseConstantDecay(config);
        }
    }

    /** {@link CosineDecay}. */
    public static final class CosineDecayType implements LearningRateScheduleType {
        @Override
        public String name() {
            return "CosineDecay";
        }

        @Override
        public LearningRateSchedule create(Map<String, ?> config) {
            return new CosineDecay(config);
        }
    }

    /** {@link InverseTimeDecay}. */
    public static final class InverseTimeDecayType implements LearningRateScheduleType {
        @Override
        public String name() {
            return "InverseTimeDecay";
        }

        @Override
        public LearningRateSchedule create(Map<String, ?> config) {
            return new InverseTimeDecay(config);
        }
    }
}
