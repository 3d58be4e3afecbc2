package dev.vectornn.backend.simd;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Skips every test of a run that asks for a vector width this CPU cannot run
 * ({@code -Dvectornn.simd.bits} above the JVM's preferred float vector, e.g. the 512-bit surefire
 * execution on an AVX2 machine, or the 256-bit one under {@code -XX:UseAVX=0}): the backend would
 * refuse that width, so such a run can prove nothing here. Registered for the whole module through
 * {@code META-INF/services} (JUnit's extension auto-detection); prints one line per JVM saying
 * what it skipped and why.
 */
public final class VectorWidthCondition implements ExecutionCondition {

    private static final AtomicBoolean SAID = new AtomicBoolean();

    /** Created by JUnit's extension auto-detection. */
    public VectorWidthCondition() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Integer requested = Integer.getInteger(SimdSettings.PREFIX + "bits");
        if (requested == null || requested == 0) {
            return ConditionEvaluationResult.enabled("no vector width requested");
        }
        int widest = Lanes.preferredBits();
        if (requested <= widest) {
            return ConditionEvaluationResult.enabled(requested + "-bit vectors run on this CPU");
        }
        String reason = "-D" + SimdSettings.PREFIX + "bits=" + requested + " is wider than this CPU's "
                + widest + "-bit vectors: skipping the " + requested + "-bit tests on this machine";
        if (SAID.compareAndSet(false, true)) {
            System.out.println("[vectornn] " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
